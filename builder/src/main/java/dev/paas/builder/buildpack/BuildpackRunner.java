package dev.paas.builder.buildpack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.github.dockerjava.api.DockerClient;
import dev.paas.builder.build.BuildFailedException;
import dev.paas.builder.build.BuildLimits;
import dev.paas.builder.build.BuildLog;
import dev.paas.builder.build.Deadline;

/**
 * Compiles an app with buildpacks, as Heroku does: the app's chosen buildpacks (each must detect it), or the
 * first built-in one whose bin/detect passes; then each one's bin/compile BUILD_DIR CACHE_DIR ENV_DIR, then
 * bin/release. All run in one container of the build stack, started ahead of the build when it can be (see
 * {@link WarmBuildContainers}); the compiled BUILD_DIR is the slug.
 */
public final class BuildpackRunner implements AutoCloseable {

    public static final String STACK_IMAGE = "paas/stack-build:bookworm";

    /** Printed between bin/compile and bin/release: compile ran to its end and succeeded. */
    private static final String COMPILED = "paas-buildpack-compiled";

    /** What the buildpacks made of the app. */
    public record Compiled(List<String> detected, Map<String, String> defaultProcessTypes, String runImage) {
    }

    /** How long a build container started ahead waits for the app's next build before it is removed. */
    static final Duration IDLE_LIMIT = Duration.ofMinutes(30);

    private final DockerClient docker;
    private final String stackImage;
    private final BuiltinBuildpacks builtins;
    private final BuildpackResolver resolver;
    private final WarmBuildContainers warm;
    private final BuildLimits limits;

    /**
     * @param workRoot the builder's own directory for builds in progress and ahead, emptied now
     * @param limits   of each build container, and where buildpacks may come from
     */
    public BuildpackRunner(DockerClient docker, String stackImage, BuiltinBuildpacks builtins, Path workRoot,
                           BuildLimits limits) {
        this.docker = docker;
        this.stackImage = stackImage;
        this.builtins = builtins;
        this.limits = limits;
        this.resolver = new BuildpackResolver(builtins, limits.localBuildpacks());
        this.warm = new WarmBuildContainers(docker, stackImage, builtins.root(), workRoot, IDLE_LIMIT, limits);
    }

    /**
     * Where the app's next build goes: the pushed tree is exported to its {@link BuildSpace#app()}, then
     * {@link #compile}d; closing it ends the build.
     *
     * @param cacheDir the app's cache, kept between builds
     */
    public BuildSpace open(String app, Path cacheDir) throws IOException {
        return warm.open(app, cacheDir);
    }

    /**
     * @param space   holds the exported app, compiled in place
     * @param workDir an empty scratch directory for this build (fetched buildpacks)
     * @param deadline the build's time: fetches and scripts still running when it is up are stopped
     */
    public Compiled compile(BuildSpace space, Map<String, String> config, Path workDir, BuildLog log,
                            Deadline deadline) throws BuildFailedException, IOException {
        List<Buildpack> chosen = resolver.chosen(space.app(), config, workDir, log, deadline);
        List<Buildpack> custom = chosen.stream().filter(b -> !b.dir().startsWith(builtins.root())).toList();
        EnvDir.write(space.env(), config);
        Files.createDirectories(space.cacheDir());
        // Buildpacks run as the unprivileged build user: what they write becomes theirs first.
        BuildUser.own(space.app());
        BuildUser.own(space.env());
        BuildUser.ownCache(space.cacheDir());
        BuildContainer started = space.takeStarted(custom);
        try (BuildContainer container = started != null ? started : BuildContainer.start(docker, stackImage,
                Map.of(BuildContainer.APP_LABEL, space.appName()), space, builtins.root(), custom, limits)) {
            Mounts mounts = new Mounts(builtins.root(), custom);
            List<String> detected = new ArrayList<>();
            Map<String, String> processes = new LinkedHashMap<>();
            String runImage = null;
            List<ReleaseInfo> releases = new ArrayList<>();
            if (chosen.isEmpty()) {
                // Detection and the compile of the one that passes in one exec: one round trip less.
                Detected found = detectAndCompileBuiltin(container, mounts, log, deadline);
                detected.add(found.buildpack().name());
                releases.add(released(found.buildpack(), found.exit(),
                        Files.isExecutable(found.buildpack().dir().resolve("bin/release"))));
            }
            for (Buildpack buildpack : chosen) {
                detectChosen(container, mounts, buildpack, log, deadline);
            }
            for (Buildpack buildpack : chosen) {
                detected.add(buildpack.name());
                String bin = mounts.pathOf(buildpack) + "/bin/";
                boolean hasRelease = Files.isExecutable(buildpack.dir().resolve("bin/release"));
                // bin/compile, then bin/release, in one exec (each exec is a round trip to the engine): compile's
                // stdout joins the log through stderr, then a marker line, then release's YAML on stdout.
                BuildContainer.Exit exit = container.run(List.of("/bin/sh", "-c",
                        "\"$1compile\" " + String.join(" ", BuildContainer.BUILD_DIR, BuildContainer.CACHE_DIR,
                                BuildContainer.ENV_DIR) + " >&2 || exit $?; [ \"$2\" = yes ] || exit 0;"
                                + " echo " + COMPILED + "; exec \"$1release\" " + BuildContainer.BUILD_DIR,
                        "compile", bin, hasRelease ? "yes" : "no"), log, true, deadline);
                releases.add(released(buildpack, exit, hasRelease));
            }
            for (ReleaseInfo release : releases) {
                if (release != null) {
                    processes.putAll(release.defaultProcessTypes());
                    runImage = release.runImage() != null ? release.runImage() : runImage;
                }
            }
            // Before anything the build wrote is read back on this host (see BuildTree).
            container.stop();
            return new Compiled(detected, processes, runImage);
        }
    }

    /** The push that built the app is over: the container for its next build may start (in the background). */
    public void pushEnded(String app) {
        warm.pushEnded(app);
    }

    /** Drops what was made ready for the app's next build: the app is gone. */
    public void forget(String app) {
        warm.forget(app);
    }

    /** Removes the build containers started ahead. */
    @Override
    public void close() {
        warm.close();
    }

    /** The built-in buildpack that detected the app, and the end of its compile and release. */
    private record Detected(Buildpack buildpack, BuildContainer.Exit exit) {
    }

    /**
     * Runs the built-in buildpacks' bin/detect in order, then bin/compile and bin/release of the first that
     * passes, all in one exec (an exec costs a round trip to the engine, a second or more on a busy host). Stdout
     * starts with the path of the one that passed (none passed: stdout is empty); the "app detected" step line goes
     * to the log through stderr before compile's output (the shell prints it, as the Java side learns which one
     * passed only when the exec ends); then as for a chosen buildpack: the marker line and release's YAML.
     */
    private Detected detectAndCompileBuiltin(BuildContainer container, Mounts mounts, BuildLog log,
                                             Deadline deadline) throws BuildFailedException {
        List<Buildpack> all = builtins.all();
        String dirs = String.join(" ", BuildContainer.BUILD_DIR, BuildContainer.CACHE_DIR, BuildContainer.ENV_DIR);
        List<String> command = new ArrayList<>(List.of("/bin/sh", "-c",
                "for b in \"$@\"; do out=\"$(\"$b/bin/detect\" " + BuildContainer.BUILD_DIR + ")\" || continue;"
                        + " echo \"$b\"; name=\"${b##*/}\";"
                        // The first non-blank line detect printed, trimmed (as Heroku shows it), else the name.
                        + " said=\"$(printf '%s\\n' \"$out\" | sed -n '/[^[:space:]]/{s/^[[:space:]]*//;s/[[:space:]]*$//;p;q;}')\";"
                        + " printf -- '-----> %s app detected (buildpack %s)\\n' \"${said:-$name}\" \"$name\" >&2;"
                        + " \"$b/bin/compile\" " + dirs + " >&2 || exit $?; [ -x \"$b/bin/release\" ] || exit 0;"
                        + " echo " + COMPILED + "; exec \"$b/bin/release\" " + BuildContainer.BUILD_DIR + "; done;"
                        + " exit 1", "detect"));
        all.forEach(buildpack -> command.add(mounts.pathOf(buildpack)));
        BuildContainer.Exit exit = container.run(command, log, true, deadline);
        String passed = exit.stdout().lines().findFirst().orElse("");
        for (Buildpack buildpack : all) {
            if (!passed.isEmpty() && mounts.pathOf(buildpack).equals(passed)) {
                String rest = exit.stdout().substring(Math.min(exit.stdout().length(), passed.length() + 1));
                return new Detected(buildpack, new BuildContainer.Exit(exit.code(), rest));
            }
        }
        throw new BuildFailedException("No buildpack detected this app: add a package.json (Node.js),"
                + " requirements.txt (Python), pom.xml (Java), go.mod (Go), Gemfile (Ruby),"
                + " composer.json or index.php (PHP) or index.html (static site),"
                + " or name a buildpack in " + BuildpackResolver.FILE + " or the " + BuildpackResolver.CONFIG_VAR
                + " config var.");
    }

    /**
     * Checks one buildpack's compile-and-release exec; returns what its bin/release said, or null without one.
     *
     * @param releases whether the buildpack has a bin/release (its YAML follows the marker line)
     */
    private static ReleaseInfo released(Buildpack buildpack, BuildContainer.Exit exit, boolean releases)
            throws BuildFailedException {
        int marker = exit.stdout().indexOf(COMPILED + "\n");
        if (releases ? marker < 0 : exit.code() != 0) {
            throw new BuildFailedException("Buildpack " + buildpack.name() + " failed to compile the app"
                    + " (bin/compile exited with " + exit.code() + ").");
        }
        if (!releases) {
            return null;
        }
        if (exit.code() != 0) {
            throw new BuildFailedException("Buildpack " + buildpack.name() + ": bin/release exited with "
                    + exit.code() + ".");
        }
        try {
            return ReleaseInfo.parse(exit.stdout().substring(marker + COMPILED.length() + 1));
        } catch (IllegalArgumentException e) {
            throw new BuildFailedException("Buildpack " + buildpack.name() + ": " + e.getMessage() + ".");
        }
    }

    private void detectChosen(BuildContainer container, Mounts mounts, Buildpack buildpack, BuildLog log,
                              Deadline deadline) throws BuildFailedException {
        if (!Files.isExecutable(buildpack.dir().resolve("bin/detect"))) {
            log.step("Using buildpack " + buildpack.name());
            return;
        }
        BuildContainer.Exit exit = container.run(List.of(mounts.pathOf(buildpack) + "/bin/detect",
                BuildContainer.BUILD_DIR), log, true, deadline);
        if (exit.code() != 0) {
            throw new BuildFailedException("Buildpack " + buildpack.name() + " does not detect this app"
                    + " (bin/detect exited with " + exit.code() + ").");
        }
        log.step(firstLine(exit.stdout(), buildpack.name()) + " app detected (buildpack " + buildpack.name() + ")");
    }

    private static String firstLine(String text, String otherwise) {
        String line = text.strip().lines().findFirst().orElse("").strip();
        return line.isEmpty() ? otherwise : line;
    }

    /** Where each buildpack is seen inside the build container. */
    private record Mounts(Path builtinRoot, List<Buildpack> custom) {
        String pathOf(Buildpack buildpack) {
            if (buildpack.dir().startsWith(builtinRoot)) {
                return BuildContainer.BUILTIN_DIR + "/" + builtinRoot.relativize(buildpack.dir());
            }
            return BuildContainer.CUSTOM_DIR + "/" + custom.indexOf(buildpack);
        }
    }
}
