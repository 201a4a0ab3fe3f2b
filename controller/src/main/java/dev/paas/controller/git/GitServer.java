package dev.paas.controller.git;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;

import dev.paas.builder.build.BuildLimits;
import dev.paas.builder.build.BuildpackBuilder;
import dev.paas.builder.git.GitAccess;
import dev.paas.builder.git.GitSshServer;
import dev.paas.builder.git.PushHandler;
import dev.paas.controller.PaasProperties;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Runs the SSH git server for as long as the controller runs; its host key persists in the data dir. When a push
 * is over, the builder starts the app's next build container (not during the push: it would slow its rollout).
 */
@Component
public class GitServer implements SmartLifecycle {

    private final PaasProperties properties;
    private final GitSshServer server;
    private final String bind;
    private volatile boolean running;

    /**
     * @param bind where the SSH server listens (paas.ssh-bind, PAAS_SSH_BIND): 127.0.0.1 by default, like the API;
     *             0.0.0.0 (or a host's address) when users push from other machines
     */
    GitServer(PaasProperties properties, GitAccess access, PushHandler pushes, BuildpackBuilder buildpacks,
              BuildLimits limits, @Value("${paas.ssh-bind:127.0.0.1}") String bind) {
        this.bind = bind;
        this.properties = properties;
        PushHandler thenStartAhead = (push, out) -> {
            try {
                return pushes.handle(push, out);
            } finally {
                buildpacks.pushEnded(push.app());
            }
        };
        // A push larger than paas.build.push-max is refused while it is received, before any build.
        this.server = new GitSshServer(properties.sshHostKey(), access, thenStartAhead,
                limits.maxPushBytes());
    }

    public List<String> hostKeys() {
        return server.hostKeys();
    }

    public int port() {
        return server.port();
    }

    @Override
    public void start() {
        try {
            Files.createDirectories(properties.reposDir());
            server.start(bind, properties.sshPort());
            running = true;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the git server on " + bind + ":" + properties.sshPort(), e);
        }
    }

    @Override
    public void stop() {
        try {
            server.stop();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            running = false;
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
