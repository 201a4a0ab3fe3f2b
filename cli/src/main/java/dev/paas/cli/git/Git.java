package dev.paas.cli.git;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Runs the git client in one directory. A missing git binary reads as "not a git checkout". */
public final class Git {

    /** What git printed (stdout and stderr together) and its exit code; -1 when git could not be started. */
    public record Result(int exitCode, String output) {
        public boolean ok() {
            return exitCode == 0;
        }
    }

    private final Path workDir;

    public Git(Path workDir) {
        this.workDir = workDir;
    }

    public boolean insideWorkTree() {
        Result result = run("rev-parse", "--is-inside-work-tree");
        return result.ok() && result.output().strip().equals("true");
    }

    public Optional<String> remoteUrl(String remote) {
        Result result = run("remote", "get-url", remote);
        return result.ok() && !result.output().isBlank() ? Optional.of(result.output().strip()) : Optional.empty();
    }

    public Result addRemote(String remote, String url) {
        return run("remote", "add", remote, url);
    }

    public Result setRemoteUrl(String remote, String url) {
        return run("remote", "set-url", remote, url);
    }

    public Result removeRemote(String remote) {
        return run("remote", "remove", remote);
    }

    public Result run(String... args) {
        List<String> command = new ArrayList<>(args.length + 1);
        command.add("git");
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true);
        builder.environment().put("GIT_TERMINAL_PROMPT", "0");
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            String output;
            try (InputStream in = process.getInputStream()) {
                output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            return new Result(process.waitFor(), output);
        } catch (IOException e) {
            return new Result(-1, "cannot run git: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, "interrupted while running git");
        }
    }
}
