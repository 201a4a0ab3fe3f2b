package dev.paas.builder.buildpack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import dev.paas.builder.build.BuildFailedException;
import dev.paas.builder.build.BuildLog;
import dev.paas.builder.build.BuildTree;

/**
 * The buildpacks an app asks for, in order: the BUILDPACK_URL config var, else one per line of its
 * {@code .buildpacks} file. Each entry is a built-in name ({@code nodejs}), an absolute path on this host, or
 * a git URL with an optional {@code #ref}, cloned for this build. No choice means: detect among the built-ins.
 */
final class BuildpackResolver {

    static final String FILE = ".buildpacks";
    static final String CONFIG_VAR = "BUILDPACK_URL";

    private static final Pattern GIT_URL = Pattern.compile("(https?|git|ssh|file)://[^\\s#]+|[\\w.-]+@[\\w.-]+:[^\\s#]+");
    private static final Pattern REF = Pattern.compile("[A-Za-z0-9._/][A-Za-z0-9._/-]*");

    private final BuiltinBuildpacks builtins;

    BuildpackResolver(BuiltinBuildpacks builtins) {
        this.builtins = builtins;
    }

    /** @return the chosen buildpacks, or an empty list when the app chose none */
    List<Buildpack> chosen(Path app, Map<String, String> config, Path workDir, BuildLog log)
            throws BuildFailedException, IOException {
        List<String> entries = new ArrayList<>();
        String origin;
        String configured = config.getOrDefault(CONFIG_VAR, "").strip();
        Optional<String> file = configured.isEmpty()
                ? new BuildTree(app, "the app").readText(FILE, BuildTree.MAX_FILE_BYTES) : Optional.empty();
        if (!configured.isEmpty()) {
            entries.add(configured);
            origin = CONFIG_VAR;
        } else if (file.isPresent()) {
            for (String line : file.get().split("\\R")) {
                String entry = line.replaceFirst("(^|\\s)#\\s.*$|^#.*$", "").strip();
                entries.add(entry);
            }
            origin = FILE;
        } else {
            return List.of();
        }
        List<Buildpack> chosen = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            String entry = entries.get(i);
            if (!entry.isEmpty()) {
                String where = origin.equals(FILE) ? FILE + " line " + (i + 1) : CONFIG_VAR;
                chosen.add(resolve(entry, where, workDir.resolve("buildpack-" + chosen.size()), log));
            }
        }
        if (chosen.isEmpty()) {
            throw new BuildFailedException(FILE + " names no buildpack: write one per line, or delete it to detect one.");
        }
        return chosen;
    }

    private Buildpack resolve(String entry, String where, Path target, BuildLog log)
            throws BuildFailedException, IOException {
        Buildpack builtin = builtins.named(entry);
        if (builtin != null) {
            return builtin;
        }
        if (entry.startsWith("/")) {
            Path dir = Path.of(entry).normalize();
            if (!Files.isExecutable(dir.resolve("bin/compile"))) {
                throw new BuildFailedException(where + ": " + entry + " is not a buildpack on the build host"
                        + " (no executable bin/compile in it).");
            }
            return new Buildpack(entry, dir);
        }
        int hash = entry.indexOf('#');
        String url = hash < 0 ? entry : entry.substring(0, hash);
        String ref = hash < 0 ? null : entry.substring(hash + 1);
        if (!GIT_URL.matcher(url).matches() || ref != null && !REF.matcher(ref).matches()) {
            throw new BuildFailedException(where + ": '" + entry + "' is not a built-in buildpack ("
                    + String.join(", ", BuiltinBuildpacks.NAMES) + "), an absolute path or a git URL with an optional #ref.");
        }
        log.step("Fetching buildpack " + entry);
        git(List.of("git", "clone", "--quiet", "--", url, target.toString()), entry, log);
        if (ref != null) {
            git(List.of("git", "-C", target.toString(), "checkout", "--quiet", ref, "--"), entry, log);
        }
        if (!Files.isExecutable(target.resolve("bin/compile"))) {
            throw new BuildFailedException("Buildpack " + entry + " has no executable bin/compile.");
        }
        return new Buildpack(entry, target);
    }

    /** Runs git with an argument list (no shell), never prompting for credentials. */
    private static void git(List<String> command, String entry, BuildLog log) throws BuildFailedException, IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("GIT_TERMINAL_PROMPT", "0");
        builder.environment().put("GIT_SSH_COMMAND", "ssh -o BatchMode=yes");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        try {
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new BuildFailedException("Fetching buildpack " + entry + " took more than 2 minutes.");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new BuildFailedException("The build was interrupted.", e);
        }
        if (process.exitValue() != 0) {
            output.lines().forEach(line -> log.line("       " + line));
            String last = output.isEmpty() ? "exit " + process.exitValue() : output.lines().reduce((a, b) -> b).orElse("");
            throw new BuildFailedException("Could not fetch buildpack " + entry + ": " + last);
        }
    }
}
