package dev.paas.builder.buildpack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.github.dockerjava.api.DockerClient;
import dev.paas.builder.build.BuildFailedException;
import dev.paas.builder.build.BuildLog;

/**
 * Compiles an app with buildpacks, as Heroku does: the app's chosen buildpacks (each must detect it), or the
 * first built-in one whose bin/detect passes; then each one's bin/compile BUILD_DIR CACHE_DIR ENV_DIR, then
 * bin/release. All run in one container of the build stack; the compiled BUILD_DIR is the slug.
 */
public final class BuildpackRunner {

    public static final String STACK_IMAGE = "paas/stack-build:bookworm";

    /** Printed between bin/compile and bin/release: compile ran to its end and succeeded. */
    private static final String COMPILED = "paas-buildpack-compiled";

    /** What the buildpacks made of the app. */
    public record Compiled(List<String> detected, Map<String, String> defaultProcessTypes, String runImage) {
    }

    private final DockerClient docker;
    private final String stackImage;
    private final BuiltinBuildpacks builtins;
    private final BuildpackResolver resolver;

    public BuildpackRunner(DockerClient docker, String stackImage, BuiltinBuildpacks builtins) {
        this.docker = docker;
        this.stackImage = stackImage;
        this.builtins = builtins;
        this.resolver = new BuildpackResolver(builtins);
    }

    /**
     * @param buildDir the exported app, compiled in place
     * @param cacheDir the app's cache, kept between builds
     * @param workDir  an empty scratch directory for this build (ENV_DIR, fetched buildpacks)
     */
    public Compiled compile(String app, Path buildDir, Path cacheDir, Map<String, String> config, Path workDir,
                            BuildLog log) throws BuildFailedException, IOException {
        List<Buildpack> chosen = resolver.chosen(buildDir, config, workDir, log);
        List<Buildpack> custom = chosen.stream().filter(b -> !b.dir().startsWith(builtins.root())).toList();
        Path envDir = EnvDir.write(workDir.resolve("env"), config);
        Files.createDirectories(cacheDir);
        try (BuildContainer container = BuildContainer.start(docker, stackImage, app, buildDir, cacheDir, envDir,
                builtins.root(), custom)) {
            Mounts mounts = new Mounts(builtins.root(), custom);
            List<Buildpack> used = chosen.isEmpty() ? List.of(detectBuiltin(container, mounts, log)) : chosen;
            if (!chosen.isEmpty()) {
                for (Buildpack buildpack : chosen) {
                    detectChosen(container, mounts, buildpack, log);
                }
            }
            List<String> detected = new ArrayList<>();
            Map<String, String> processes = new LinkedHashMap<>();
            String runImage = null;
            for (Buildpack buildpack : used) {
                detected.add(buildpack.name());
                String bin = mounts.pathOf(buildpack) + "/bin/";
                boolean releases = Files.isExecutable(buildpack.dir().resolve("bin/release"));
                // bin/compile, then bin/release, in one exec (each exec is a round trip to the engine): compile's
                // stdout joins the log through stderr, then a marker line, then release's YAML on stdout.
                BuildContainer.Exit exit = container.run(List.of("/bin/sh", "-c",
                        "\"$1compile\" " + String.join(" ", BuildContainer.BUILD_DIR, BuildContainer.CACHE_DIR,
                                BuildContainer.ENV_DIR) + " >&2 || exit $?; [ \"$2\" = yes ] || exit 0;"
                                + " echo " + COMPILED + "; exec \"$1release\" " + BuildContainer.BUILD_DIR,
                        "compile", bin, releases ? "yes" : "no"), log, true, 20);
                int marker = exit.stdout().indexOf(COMPILED + "\n");
                if (releases ? marker < 0 : exit.code() != 0) {
                    throw new BuildFailedException("Buildpack " + buildpack.name() + " failed to compile the app"
                            + " (bin/compile exited with " + exit.code() + ").");
                }
                if (releases) {
                    if (exit.code() != 0) {
                        throw new BuildFailedException("Buildpack " + buildpack.name() + ": bin/release exited with "
                                + exit.code() + ".");
                    }
                    ReleaseInfo release = ReleaseInfo.parse(exit.stdout().substring(marker + COMPILED.length() + 1));
                    processes.putAll(release.defaultProcessTypes());
                    runImage = release.runImage() != null ? release.runImage() : runImage;
                }
            }
            return new Compiled(detected, processes, runImage);
        }
    }

    /**
     * Runs the built-in buildpacks' bin/detect in order, all in one exec (an exec costs a round trip to the
     * engine, a second or more on a busy host): a shell loop stops at the first that passes and prints its
     * path, then what the detect script printed.
     */
    private Buildpack detectBuiltin(BuildContainer container, Mounts mounts, BuildLog log) throws BuildFailedException {
        List<Buildpack> all = builtins.all();
        List<String> command = new ArrayList<>(List.of("/bin/sh", "-c",
                "for b in \"$@\"; do if out=\"$(\"$b/bin/detect\" " + BuildContainer.BUILD_DIR + ")\"; then"
                        + " printf '%s\\n%s\\n' \"$b\" \"$out\"; exit 0; fi; done; exit 1", "detect"));
        all.forEach(buildpack -> command.add(mounts.pathOf(buildpack)));
        BuildContainer.Exit exit = container.run(command, log, true, 1);
        if (exit.code() == 0) {
            String passed = exit.stdout().lines().findFirst().orElse("");
            String said = exit.stdout().lines().skip(1).collect(java.util.stream.Collectors.joining("\n"));
            for (Buildpack buildpack : all) {
                if (mounts.pathOf(buildpack).equals(passed)) {
                    log.step(firstLine(said, buildpack.name()) + " app detected (buildpack " + buildpack.name() + ")");
                    return buildpack;
                }
            }
        }
        throw new BuildFailedException("No buildpack detected this app: add a package.json (Node.js),"
                + " requirements.txt (Python), pom.xml (Java), go.mod (Go) or index.html (static site),"
                + " or name a buildpack in " + BuildpackResolver.FILE + " or the " + BuildpackResolver.CONFIG_VAR
                + " config var.");
    }

    private void detectChosen(BuildContainer container, Mounts mounts, Buildpack buildpack, BuildLog log)
            throws BuildFailedException {
        if (!Files.isExecutable(buildpack.dir().resolve("bin/detect"))) {
            log.step("Using buildpack " + buildpack.name());
            return;
        }
        BuildContainer.Exit exit = container.run(List.of(mounts.pathOf(buildpack) + "/bin/detect",
                BuildContainer.BUILD_DIR), log, true, 1);
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
