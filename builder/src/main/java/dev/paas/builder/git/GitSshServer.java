package dev.paas.builder.git;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;

import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.auth.pubkey.UserAuthPublicKeyFactory;
import org.apache.sshd.server.forward.RejectAllForwardingFilter;
import org.apache.sshd.server.keyprovider.AbstractGeneratorHostKeyProvider;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;

/**
 * The SSH endpoint users push to: public-key auth against {@link GitAccess}, then only {@code git-receive-pack}
 * (handing each pushed ref to the {@link PushHandler} before it moves) and {@code git-upload-pack}.
 *
 * <pre>{@code
 * GitSshServer git = new GitSshServer(dataDir.resolve("ssh_host_key"), access, handler);
 * git.start(2222);
 * git.hostKeys(); // ["ssh-ed25519 AAAA..."], for GET /v1/ssh
 * git.stop();
 * }</pre>
 */
public final class GitSshServer implements AutoCloseable {

    /** Builds can be silent for minutes (a long layer); the default 10-minute idle timeout would cut the push. */
    private static final Duration IDLE_TIMEOUT = Duration.ofHours(1);

    /** 500 MB, as the default of {@code paas.build.push-max}. */
    public static final long MAX_PUSH_BYTES = 500L << 20;

    private final Path hostKeyFile;
    private final AbstractGeneratorHostKeyProvider hostKeyProvider;
    private final GitAccess access;
    private final PushHandler handler;
    private final long maxPushBytes;
    private SshServer sshd;

    /**
     * @param hostKeyFile where the host key lives; generated on first use and reused afterwards so that users'
     *                    known_hosts stay valid across restarts
     */
    public GitSshServer(Path hostKeyFile, GitAccess access, PushHandler handler) {
        this(hostKeyFile, access, handler, MAX_PUSH_BYTES);
    }

    /** @param maxPushBytes the largest pack a push may send (and the largest object in it): a larger one is refused */
    public GitSshServer(Path hostKeyFile, GitAccess access, PushHandler handler, long maxPushBytes) {
        this.maxPushBytes = maxPushBytes;
        this.hostKeyFile = hostKeyFile;
        this.access = access;
        this.handler = handler;
        this.hostKeyProvider = new HostKeyProvider(hostKeyFile);
    }

    /** Listens on all interfaces; {@code port} 0 picks a free port (see {@link #port()}). */
    public void start(int port) throws IOException {
        start(null, port);
    }

    /** Listens on {@code host} (an address or name; null for all interfaces) and {@code port} (0: a free one). */
    public synchronized void start(String host, int port) throws IOException {
        if (sshd != null) {
            throw new IllegalStateException("The git SSH server is already running on port " + sshd.getPort());
        }
        hostKeys(); // generate the key now, so a broken key file fails here instead of in every handshake
        SshServer server = SshServer.setUpDefaultServer();
        server.setHost(host);
        server.setPort(port);
        server.setKeyPairProvider(hostKeyProvider);
        // OpenSSH prefers post-quantum key exchanges, which SSHD computes in pure Java at about a second per
        // connection on a small machine; curve25519 is a fraction of that and adds about one second less per push.
        server.setKeyExchangeFactories(server.getKeyExchangeFactories().stream()
                .filter(kex -> !kex.getName().contains("sntrup") && !kex.getName().contains("mlkem")).toList());
        server.setUserAuthFactories(List.of(UserAuthPublicKeyFactory.INSTANCE));
        server.setPublickeyAuthenticator(new KeyOwnerAuthenticator(access));
        server.setCommandFactory(new GitCommandFactory(access, handler, maxPushBytes));
        server.setShellFactory(channel -> new RefusedCommand("Hi " + KeyOwnerAuthenticator.userOf(channel.getSession())
                + "! You are authenticated, but this server only accepts git push; there is no shell."));
        server.setForwardingFilter(RejectAllForwardingFilter.INSTANCE);
        CoreModuleProperties.IDLE_TIMEOUT.set(server, IDLE_TIMEOUT);
        server.start();
        sshd = server;
    }

    /** The port actually bound (useful after {@code start(0)}). */
    public synchronized int port() {
        if (sshd == null) {
            throw new IllegalStateException("The git SSH server is not running");
        }
        return sshd.getPort();
    }

    /** Stops listening and drops open sessions; a push in progress is cut off. Safe to call twice. */
    public synchronized void stop() throws IOException {
        if (sshd != null) {
            try {
                sshd.stop(true);
            } finally {
                sshd = null;
            }
        }
    }

    @Override
    public void close() throws IOException {
        stop();
    }

    /**
     * The host's public keys as OpenSSH lines ({@code ssh-ed25519 AAAA...}) without a host; a known_hosts line
     * is {@code [host]:port } followed by one of them. Generates the key file if it does not exist yet.
     */
    public List<String> hostKeys() {
        try {
            Files.createDirectories(hostKeyFile.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<KeyPair> keys = hostKeyProvider.loadKeys(null);
        // SSHD only logs a key it could not write and keeps it in memory: that key would change on every restart.
        if (keys.isEmpty() || !Files.isRegularFile(hostKeyFile)) {
            throw new IllegalStateException("Could not load or store the SSH host key " + hostKeyFile
                    + " (see the log)");
        }
        return keys.stream().map(key -> PublicKeyEntry.toString(key.getPublic())).toList();
    }

    /**
     * An ed25519 host key when SSHD has EdDSA (net.i2p eddsa or Bouncy Castle on the class path), else ECDSA P-256.
     * SSHD replaces a stored key whose algorithm differs from this one, so the choice must stay stable.
     */
    private static final class HostKeyProvider extends SimpleGeneratorHostKeyProvider {

        HostKeyProvider(Path file) {
            super(file);
            setAlgorithm(SecurityUtils.isEDDSACurveSupported() ? SecurityUtils.EDDSA : KeyUtils.EC_ALGORITHM);
            setKeySize(256); // P-256 for ECDSA (the default would be the largest curve); ed25519 has one size
        }

        // The stock generator asks the JCE by name: Bouncy Castle's "EdDSA" needs an init it does not get, and its
        // "Ed25519" keys cannot be encoded while SSHD uses net.i2p. KeyUtils generates with SSHD's own EdDSA support.
        @Override
        protected KeyPair generateKeyPair(String algorithm) throws GeneralSecurityException {
            return SecurityUtils.EDDSA.equals(algorithm)
                    ? KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256)
                    : super.generateKeyPair(algorithm);
        }
    }
}
