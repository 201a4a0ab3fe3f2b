package dev.paas.builder.buildpack;

import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import dev.paas.builder.build.BuildFailedException;
import dev.paas.builder.build.BuildLog;
import dev.paas.builder.build.BuildTree;
import dev.paas.builder.build.Deadline;

/**
 * The buildpacks an app asks for, in order: the BUILDPACK_URL config var, else one per line of its
 * {@code .buildpacks} file. Each entry is a built-in name ({@code nodejs}), an absolute path inside the directory
 * an admin set aside for buildpacks on the build host ({@code paas.buildpacks.local-dir}; none by default), or
 * an {@code https://}, {@code http://} or {@code git://} URL with an optional {@code #ref}, cloned for this build.
 * No choice means: detect among the built-ins.
 *
 * <p>App code chooses these, so nothing here may lend the controller's reach: {@code file://} and SSH URLs (which
 * would read the controller's disk or use its keys) are refused; the clone runs with an environment of its own
 * (no SSH agent, no keys, no credential helpers, no system or user git config, never a prompt) and is stopped
 * when its time is up, however much it prints.
 */
final class BuildpackResolver {

    static final String FILE = ".buildpacks";
    static final String CONFIG_VAR = "BUILDPACK_URL";

    /** How long one fetch may take, within what is left of the build. */
    static final Duration FETCH_LIMIT = Duration.ofMinutes(2);

    private static final Pattern GIT_URL = Pattern.compile("(https?|git)://[^\\s#]+");
    private static final Pattern REFUSED_URL = Pattern.compile("(?i)(ssh|file|ext|fd|git\\+ssh|ssh\\+git)(://|::).*"
            + "|[\\w.-]+@[\\w.-]+:.*|[\\w.-]+:[^/].*");
    private static final List<String> PROXY_VARIABLES = List.of("http_proxy", "https_proxy", "no_proxy", "HTTP_PROXY",
            "HTTPS_PROXY", "NO_PROXY");
    private static final Pattern REF = Pattern.compile("[A-Za-z0-9._/][A-Za-z0-9._/-]*");

    private final BuiltinBuildpacks builtins;
    private final Path localDir;

    /** @param localDir the one host directory buildpacks may be named from by path; null: none */
    BuildpackResolver(BuiltinBuildpacks builtins, Path localDir) {
        this.builtins = builtins;
        this.localDir = localDir;
    }

    /** @return the chosen buildpacks, or an empty list when the app chose none */
    List<Buildpack> chosen(Path app, Map<String, String> config, Path workDir, BuildLog log, Deadline deadline)
            throws BuildFailedException, IOException {        List<String> entries = new ArrayList<>();
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
                chosen.add(resolve(entry, where, workDir, chosen.size(), log, deadline));
            }
        }
        if (chosen.isEmpty()) {
            throw new BuildFailedException(FILE + " names no buildpack: write one per line, or delete it to detect one.");
        }
        return chosen;
    }

    private Buildpack resolve(String entry, String where, Path workDir, int index, BuildLog log, Deadline deadline)
            throws BuildFailedException, IOException {
        Buildpack builtin = builtins.named(entry);
        if (builtin != null) {
            return builtin;
        }
        if (entry.startsWith("/")) {
            return local(entry, where);
        }
        if (REFUSED_URL.matcher(entry).matches()) {
            throw new BuildFailedException(where + ": '" + entry + "' is refused: buildpacks come from https://,"
                    + " http:// or git:// URLs (file:// and SSH URLs would use the build host's files and keys), or"
                    + " from the build host's buildpack directory an admin sets up (paas.buildpacks.local-dir).");
        }
        Path target = workDir.resolve("buildpack-" + index);
        int hash = entry.indexOf('#');
        String url = hash < 0 ? entry : entry.substring(0, hash);
        String ref = hash < 0 ? null : entry.substring(hash + 1);
        if (!GIT_URL.matcher(url).matches() || ref != null && !REF.matcher(ref).matches()) {
            throw new BuildFailedException(where + ": '" + entry + "' is not a built-in buildpack ("
                    + String.join(", ", BuiltinBuildpacks.NAMES) + "), a path in the build host's buildpack directory or an https:// git URL with an optional #ref.");
        }
        log.step("Fetching buildpack " + entry);
        Path home = Files.createDirectories(workDir.resolve("git-home-" + index));
        git(List.of("git", "clone", "--quiet", "--no-recurse-submodules", "--", url, target.toString()), entry,
                home, log, deadline);
        if (ref != null) {
            git(List.of("git", "-C", target.toString(), "checkout", "--quiet", ref, "--"), entry, home, log, deadline);
        }
        if (!Files.isExecutable(target.resolve("bin/compile"))) {
            throw new BuildFailedException("Buildpack " + entry + " has no executable bin/compile.");
        }
        return new Buildpack(entry, target);
    }

    /**
     * A buildpack by path: only inside the admin's buildpack directory, compared on the real path so that neither
     * {@code ..} nor a link leads out of it.
     */
    private Buildpack local(String entry, String where) throws BuildFailedException, IOException {
        if (localDir == null) {
            throw new BuildFailedException(where + ": buildpacks from paths on the build host are turned off (" + entry
                    + "): name a built-in buildpack or an https:// git URL, or ask an admin to set"
                    + " paas.buildpacks.local-dir.");
        }
        Path dir = Path.of(entry).normalize();
        Path real;
        try {
            real = dir.toRealPath();
        } catch (IOException missing) {
            real = null;
        }
        Path root = Files.isDirectory(localDir) ? localDir.toRealPath() : localDir;
        if (real == null || !real.startsWith(root) || real.equals(root)) {
            throw new BuildFailedException(where + ": " + entry + " is not a buildpack in " + localDir
                    + ", the build host's buildpack directory (paas.buildpacks.local-dir).");
        }
        if (!Files.isExecutable(real.resolve("bin/compile"))) {
            throw new BuildFailedException(where + ": " + entry + " is not a buildpack on the build host"
                    + " (no executable bin/compile in it).");
        }
        return new Buildpack(entry, real);
    }

    /**
     * Runs git with an argument list (no shell) and an environment of its own: nothing of the controller's (its SSH
     * agent, HOME with keys and git config, credential helpers) reaches a clone that app code asked for. Output
     * goes to a file, so the wait for the end, bounded, starts at once.
     */
    static void git(List<String> command, String entry, Path home, BuildLog log, Deadline deadline)
            throws BuildFailedException, IOException {
        boolean buildEndsFirst = deadline.left().compareTo(FETCH_LIMIT) < 0;
        Duration limit = buildEndsFirst ? deadline.left() : FETCH_LIMIT;
        Path output = Files.createTempFile(home.getParent(), "git-", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(output.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Map<String, String> env = builder.environment();
        Map<String, String> proxies = new HashMap<>();
        for (String name : PROXY_VARIABLES) {
            if (env.containsKey(name)) {
                proxies.put(name, env.get(name));
            }
        }
        env.clear();
        // The host's way out (an egress proxy) is no credential of the controller's: kept.
        env.putAll(proxies);
        env.put("PATH", "/usr/local/bin:/usr/bin:/bin");
        env.put("HOME", home.toString());
        env.put("LANG", "C.UTF-8");
        env.put("GIT_CONFIG_NOSYSTEM", "1");
        env.put("GIT_CONFIG_GLOBAL", "/dev/null");
        env.put("GIT_TERMINAL_PROMPT", "0");
        env.put("GIT_ASKPASS", "/bin/false");
        env.put("GIT_SSH_COMMAND", "false");
        env.put("GIT_ALLOW_PROTOCOL", "http:https:git");
        Process process = builder.start();
        try {
            if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                if (buildEndsFirst) {
                    throw deadline.exceeded();
                }
                throw new BuildFailedException("Fetching buildpack " + entry + " took more than "
                        + limit.toSeconds() + " seconds and was stopped.");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw new BuildFailedException("The build was interrupted.", e);
        }
        if (process.exitValue() != 0) {
            String said = tail(output, 4096);
            said.lines().forEach(line -> log.line("       " + line));
            String last = said.isEmpty() ? "exit " + process.exitValue() : said.lines().reduce((a, b) -> b).orElse("");
            throw new BuildFailedException("Could not fetch buildpack " + entry + ": " + last);
        }
    }

    /** The last {@code max} bytes of a file, as text. */
    private static String tail(Path file, int max) throws IOException {
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long from = Math.max(0, in.length() - max);
            byte[] bytes = new byte[(int) (in.length() - from)];
            in.seek(from);
            in.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8).strip();
        }
    }
}
