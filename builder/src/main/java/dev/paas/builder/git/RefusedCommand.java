package dev.paas.builder.git;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

import org.apache.sshd.common.util.threads.ThreadUtils;
import org.apache.sshd.server.command.AbstractCommandSupport;

/**
 * Prints a message on the client's stderr and exits 1. It runs on its own thread like the git commands, because
 * SSHD expects start() to return first and the exit to be reported afterwards.
 */
final class RefusedCommand extends AbstractCommandSupport {

    private final String message;

    RefusedCommand(String message) {
        super("refused", ThreadUtils.newSingleThreadExecutor("git-refused"));
        this.message = message;
    }

    @Override
    public void run() {
        try {
            OutputStream err = getErrorStream();
            err.write((message + "\n").getBytes(StandardCharsets.UTF_8));
            err.flush();
        } catch (IOException e) {
            // The client is gone; there is nobody left to tell.
        } finally {
            onExit(1);
        }
    }
}
