package dev.paas.agent.firewall;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs {@code iptables} with arguments (never through a shell); tests record the calls instead. */
@FunctionalInterface
public interface Iptables {

    /** @throws IOException when iptables cannot be run at all (not installed) */
    Result run(List<String> args) throws IOException;

    record Result(int code, String output) {
    }

    /** The host's iptables; {@code -w} waits for the lock dockerd also takes while it changes its rules. */
    static Iptables system() {
        return args -> {
            List<String> command = new ArrayList<>(List.of("iptables", "-w", "10"));
            command.addAll(args);
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    return new Result(-1, "iptables did not answer within 30 s");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
                throw new IOException("interrupted while running iptables", e);
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return new Result(process.exitValue(), output);
        };
    }
}
