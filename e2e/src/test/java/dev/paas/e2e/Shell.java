package dev.paas.e2e;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs real binaries (git, curl, java -jar ...) with an argv list, never through a shell. */
final class Shell {

    record Result(int exit, String out, String err) {
        String all() {
            return out + err;
        }
    }

    private Shell() {
    }

    static Result run(Path dir, Map<String, String> env, String stdin, List<String> command) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
            builder.environment().putAll(env);
            Process process = builder.start();
            CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
            try (var in = process.getOutputStream()) {
                if (stdin != null) {
                    in.write(stdin.getBytes(StandardCharsets.UTF_8));
                }
            }
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException("Timed out: " + command);
            }
            return new Result(process.exitValue(), out.join(), err.join());
        } catch (IOException e) {
            throw new IllegalStateException("Could not run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static Result run(Path dir, Map<String, String> env, String... command) {
        return run(dir, env, null, List.of(command));
    }

    static Result ok(Path dir, Map<String, String> env, String... command) {
        Result result = run(dir, env, command);
        if (result.exit() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " exited " + result.exit() + ":\n" + result.all());
        }
        return result;
    }

    /** Runs {@code step} (a push, say) and prints how long it took, e.g. "NodeVersionsIT: cold push took 20.6 s". */
    static Result timed(String what, java.util.function.Supplier<Result> step) {
        long started = System.nanoTime();
        Result result = step.get();
        System.out.printf(java.util.Locale.ROOT, "%s took %.1f s%n", what, (System.nanoTime() - started) / 1e9);
        return result;
    }

    /** Starts a long-running process detached from the test's streams, its output in a log file. */
    static Process spawn(List<String> command, Map<String, String> env, Path log) throws IOException {
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().putAll(env);
        return builder.start();
    }

    private static String read(java.io.InputStream stream) {
        try {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
