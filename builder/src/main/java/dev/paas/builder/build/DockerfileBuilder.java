package dev.paas.builder.build;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.ContainerConfig;
import com.github.dockerjava.api.model.ExposedPort;

/**
 * Builds an app that has its own Dockerfile at the root: a Docker build of the pushed tree (output streamed,
 * the layer cache used so unchanged steps are skipped), then push. The web port is the first EXPOSE; the web
 * process is the image's CMD unless a Procfile says otherwise.
 *
 * <p>The platform runs every process as {@code /bin/sh -c COMMAND}. An image with an ENTRYPOINT gets one more
 * layer that clears it, and its entrypoint is put, quoted word by word, in front of each process's command:
 * the process runs exactly as {@code docker run IMAGE} would run it.
 */
public final class DockerfileBuilder implements Builder {

    static final String DOCKERFILE = "Dockerfile";

    /** Far above any real Dockerfile: the bound is only there so that no read is unbounded. */
    private static final int MAX_DOCKERFILE_BYTES = 1024 * 1024;

    private final DockerClient docker;
    private final SourceExporter exporter = new SourceExporter();
    private final ImagePublisher publisher;
    private final BuildLimits limits;

    public DockerfileBuilder(DockerClient docker) {
        this(docker, BuildLimits.defaults());
    }

    /** @param limits the build's time, memory, CPU and network, and the base images allowed besides the stacks */
    public DockerfileBuilder(DockerClient docker, BuildLimits limits) {
        this.docker = docker;
        this.publisher = new ImagePublisher(docker);
        this.limits = limits;
    }

    @Override
    public BuildResult build(BuildRequest request, BuildLog log) throws BuildFailedException {
        long started = System.nanoTime();
        Deadline deadline = Deadline.start(limits);
        try (BuildContext context = BuildContext.create()) {
            Path app = context.app();
            exporter.export(request.repository(), request.commit(), app, log);
            log.step("Dockerfile app detected");
            refuseLinksToDirectories(app);
            // Only the pushed tree is in the context (no build step wrote to it), read as any file of the app.
            String dockerfile = new BuildTree(app, "the app").readText(DOCKERFILE, MAX_DOCKERFILE_BYTES).orElseThrow();
            new DockerfileBases(request.image(), limits.allowedBases()).check(dockerfile);
            log.step("Building image " + request.image() + " from the app's Dockerfile");
            publisher.build(app.toFile(), app.resolve(DOCKERFILE).toFile(), request.image(), null, true,
                    Map.of("paas.build.app", request.app()), log, limits, deadline);
            ContainerConfig config = docker.inspectImageCmd(request.image()).exec().getConfig();
            List<String> entrypoint = words(config.getEntrypoint());
            List<String> cmd = words(config.getCmd());
            int port = DockerfilePort.of(dockerfile, ports(config.getExposedPorts()));
            log.line(DockerOutput.INDENT + "Web port " + port + " (PORT is set to it)");
            Map<String, String> defaults = cmd.isEmpty() && entrypoint.isEmpty() ? Map.of()
                    : Map.of("web", ShellWords.join(concat(entrypoint, cmd)));
            Map<String, String> processes = BuildpackBuilder.processTypes(app, defaults, "Dockerfile CMD", log);
            if (!entrypoint.isEmpty()) {
                processes = behindEntrypoint(processes, defaults, entrypoint);
                clearEntrypoint(context.root(), request.image(), log);
            }
            publisher.push(request.image(), log);
            log.step("Pushed " + request.image());
            log.line(DockerOutput.INDENT + "Built and pushed in " + String.format(Locale.ROOT, "%.1fs",
                    (System.nanoTime() - started) / 1e9));
            return new BuildResult(request.image(), processes, port, "Dockerfile");
        } catch (IOException e) {
            throw new BuildFailedException("The builder could not read the app: " + e, e);
        }
    }

    /**
     * docker-java sends a link to a file as a link, as the docker CLI does, but walks into a link to a directory:
     * a link to "." would have it walk until the kernel gives up, a few such links would multiply the context at
     * each level, all on the controller. Such a link is refused before the walk.
     */
    private static void refuseLinksToDirectories(Path app) throws IOException, BuildFailedException {
        BuildTree tree = new BuildTree(app, "the app");
        List<Path> links;
        try (Stream<Path> all = Files.walk(app)) {
            links = all.filter(Files::isSymbolicLink).toList();
        }
        for (Path link : links) {
            String name = app.relativize(link).toString();
            try {
                tree.regularFile(name);
            } catch (BuildFailedException notAFile) {
                throw new BuildFailedException("A Dockerfile app may link to files only: " + name + " links to"
                        + " a directory, which the build context would copy each time it is reached. Copy it instead.");
            }
        }
    }

    /** Procfile commands run through the entrypoint as {@code docker run IMAGE sh -c COMMAND} would. */
    private static Map<String, String> behindEntrypoint(Map<String, String> processes, Map<String, String> defaults,
                                                        List<String> entrypoint) {
        if (processes == defaults) {
            return processes;
        }
        Map<String, String> wrapped = new java.util.LinkedHashMap<>();
        processes.forEach((type, command) -> wrapped.put(type,
                ShellWords.join(concat(entrypoint, List.of("/bin/sh", "-c", command)))));
        return wrapped;
    }

    private void clearEntrypoint(Path scratch, String image, BuildLog log) throws IOException, BuildFailedException {
        Path dir = Files.createDirectories(scratch.resolve("entrypoint"));
        Path dockerfile = dir.resolve(DOCKERFILE);
        Files.writeString(dockerfile, "FROM " + image + "\nENTRYPOINT []\n");
        log.line(DockerOutput.INDENT + "Moving the ENTRYPOINT into the process commands");
        publisher.build(dir.toFile(), dockerfile.toFile(), image, image, true, Map.of(), line -> { }, null, null);
    }

    private static List<String> words(String[] words) {
        return words == null ? List.of() : Arrays.asList(words);
    }

    private static List<Integer> ports(ExposedPort[] exposed) {
        List<Integer> ports = new ArrayList<>();
        if (exposed != null) {
            for (ExposedPort port : exposed) {
                if ("tcp".equals(port.getProtocol().toString())) {
                    ports.add(port.getPort());
                }
            }
        }
        return ports;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
