package dev.paas.agent.observe;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;

/** Whether something accepts TCP connections at an address. */
@FunctionalInterface
public interface PortProbe {

    boolean accepts(String host, int port);

    /** A plain TCP connect with a short timeout. */
    static PortProbe tcp(Duration timeout) {
        return (host, port) -> {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
                return true;
            } catch (IOException e) {
                return false;
            }
        };
    }
}
