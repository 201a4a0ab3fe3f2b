package dev.paas.agent.logs;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;

/**
 * A TCP front for the local dockerd's socket that a test can take away and bring back, as a dockerd restart
 * does to its clients: {@link #goAway} cuts every open connection and refuses new ones until {@link #comeBack}.
 */
final class DockerProxy implements Closeable {

    private static final Path SOCKET = Path.of("/var/run/docker.sock");

    private final Set<SocketChannel> open = ConcurrentHashMap.newKeySet();
    private volatile ServerSocketChannel server;
    private int port;

    DockerProxy() throws IOException {
        comeBack();
    }

    /** A client of this proxy, without a response timeout (event streams stay open). */
    DockerClient client() {
        var config = DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost("tcp://127.0.0.1:" + port).withDockerTlsVerify(false).build();
        var http = new ApacheDockerHttpClient.Builder().dockerHost(config.getDockerHost()).build();
        return DockerClientImpl.getInstance(config, http);
    }

    void comeBack() throws IOException {
        ServerSocketChannel channel = ServerSocketChannel.open();
        channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
        channel.bind(new InetSocketAddress("127.0.0.1", port));
        port = ((InetSocketAddress) channel.getLocalAddress()).getPort();
        server = channel;
        Thread acceptor = new Thread(() -> accept(channel), "docker-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    void goAway() throws IOException {
        server.close();
        for (SocketChannel channel : open) {
            channel.close();
        }
        open.clear();
    }

    @Override
    public void close() throws IOException {
        goAway();
    }

    private void accept(ServerSocketChannel channel) {
        while (channel.isOpen()) {
            try {
                SocketChannel client = channel.accept();
                SocketChannel docker = SocketChannel.open(UnixDomainSocketAddress.of(SOCKET));
                open.add(client);
                open.add(docker);
                pump(client, docker);
                pump(docker, client);
            } catch (IOException e) {
                return;
            }
        }
    }

    private void pump(SocketChannel from, SocketChannel to) {
        Thread thread = new Thread(() -> {
            ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
            try {
                while (from.read(buffer) >= 0) {
                    buffer.flip();
                    while (buffer.hasRemaining()) {
                        to.write(buffer);
                    }
                    buffer.clear();
                }
            } catch (IOException e) {
                // Cut by goAway, or one side closed.
            }
            try {
                from.close();
                to.close();
            } catch (IOException e) {
                // Already closed.
            }
        }, "docker-proxy-pump");
        thread.setDaemon(true);
        thread.start();
    }
}
