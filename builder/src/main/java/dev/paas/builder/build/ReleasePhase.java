package dev.paas.builder.build;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.ContainerConfig;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.core.NameParser;

/**
 * The {@code release:} process type, run once for a new release before it is rolled out, in a one-off
 * container of the new image on the build host (where the image was just built), with the release's config.
 * Database migrations are the usual use: if it fails, nothing is rolled out.
 */
public final class ReleasePhase {

    public static final String PROCESS_TYPE = "release";

    private final DockerClient docker;
    private final RunSandbox sandbox;

    public ReleasePhase(DockerClient docker) {
        this(docker, RunSandbox.defaults());
    }

    public ReleasePhase(DockerClient docker, RunSandbox sandbox) {
        this.docker = docker;
        this.sandbox = sandbox;
    }

    /**
     * @return the command's exit code
     * @throws BuildFailedException when it cannot be run or outlives {@code timeout}
     */
    public int run(String app, String image, String command, Map<String, String> env, Duration timeout, BuildLog log)
            throws BuildFailedException {
        return execute(image, List.of("/bin/sh", "-c", command),
                env.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList(),
                Map.of("paas.release-phase", app), timeout, log, "release command", null);
    }

    /**
     * Runs app.json's {@code scripts.dokku.predeploy} in a container of the built image and, if it exits 0, commits
     * what it changed as {@code image} (the same tag) and pushes that to the registry, so every container of the
     * release starts from it. The app's config reaches the command as arguments of a small shell prelude, not as the
     * container's environment, because {@code docker commit} would copy a container's environment into the image
     * (and the registry): the image keeps its own environment and command.
     *
     * @return the command's exit code (the image is unchanged unless 0)
     * @throws BuildFailedException when it cannot be run, outlives {@code timeout}, or its result cannot be pushed
     */
    public int predeploy(String app, String image, String command, Map<String, String> env, Duration timeout,
                         BuildLog log) throws BuildFailedException {
        ContainerConfig config;
        try {
            config = docker.inspectImageCmd(image).exec().getConfig();
        } catch (RuntimeException e) {
            throw new BuildFailedException("The built image " + image + " is missing: " + e.getMessage(), e);
        }
        List<String> cmd = new ArrayList<>(List.of("/bin/sh", "-c", EXPORT_THEN_RUN, "predeploy"));
        env.forEach((k, v) -> cmd.add(k + "=" + v));
        cmd.add(command);
        List<String> imageCmd = config == null || config.getCmd() == null || config.getCmd().length == 0
                ? List.of("/bin/sh") : List.of(config.getCmd());
        List<String> imageEnv = config == null || config.getEnv() == null ? List.of() : List.of(config.getEnv());
        return execute(image, cmd, List.of(), Map.of("paas.predeploy", app), timeout, log, "predeploy command", id -> {
            NameParser.ReposTag ref = NameParser.parseRepositoryTag(image);
            // The command given replaces the container's (which holds the config); the image's env is given whole.
            docker.commitCmd(id).withRepository(ref.repos).withTag(ref.tag.isEmpty() ? "latest" : ref.tag)
                    .withCmd(imageCmd.toArray(String[]::new)).withEnv(imageEnv.toArray(String[]::new)).exec();
            log.line(DockerOutput.INDENT + "Committed the predeploy command's changes to " + image);
            new ImagePublisher(docker).push(image, log);
        });
    }

    /** Exports each KEY=VALUE argument, then runs the last one as a shell command. No value is ever parsed as code. */
    static final String EXPORT_THEN_RUN = "while [ \"$#\" -gt 1 ]; do export \"$1\"; shift; done; exec /bin/sh -c \"$1\"";

    /** Something done with the stopped container of a command that exited 0, before it is removed. */
    private interface OnSuccess {
        void accept(String containerId) throws BuildFailedException;
    }

    private int execute(String image, List<String> cmd, List<String> env, Map<String, String> labels,
                        Duration timeout, BuildLog log, String what, OnSuccess onSuccess) throws BuildFailedException {
        String id;
        try {
            // App code, confined as the app's own containers are (docs/security.md, "Apps at run time").
            sandbox.ensureNetwork(docker);
            id = docker.createContainerCmd(image)
                    .withCmd(cmd)
                    .withEnv(env)
                    .withLabels(labels)
                    .withHostConfig(sandbox.hostConfig())
                    .exec().getId();
        } catch (RuntimeException e) {
            throw new BuildFailedException("Docker could not create the " + what + "'s container: " + e.getMessage(), e);
        }
        try {
            docker.startContainerCmd(id).exec();
            stream(id, log, timeout, what);
            Integer code = docker.waitContainerCmd(id).start().awaitStatusCode(timeout.toSeconds(), TimeUnit.SECONDS);
            int exit = code == null ? -1 : code;
            if (exit == 0 && onSuccess != null) {
                onSuccess.accept(id);
            }
            return exit;
        } catch (RuntimeException e) {
            throw new BuildFailedException("The " + what + " could not run: " + e.getMessage(), e);
        } finally {
            try {
                docker.removeContainerCmd(id).withForce(true).exec();
            } catch (NotFoundException gone) {
                // removed already
            }
        }
    }

    private void stream(String id, BuildLog log, Duration timeout, String what) throws BuildFailedException {
        StringBuilder partial = new StringBuilder();
        ResultCallback.Adapter<Frame> output = new ResultCallback.Adapter<>() {
            @Override
            public void onNext(Frame frame) {
                partial.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
                int end;
                while ((end = partial.indexOf("\n")) >= 0) {
                    log.line(DockerOutput.INDENT + partial.substring(0, end).stripTrailing());
                    partial.delete(0, end + 1);
                }
            }
        };
        docker.logContainerCmd(id).withStdOut(true).withStdErr(true).withFollowStream(true).exec(output);
        try {
            if (!output.awaitCompletion(timeout.toSeconds(), TimeUnit.SECONDS)) {
                throw new BuildFailedException("The " + what + " ran for more than " + timeout.toSeconds()
                        + " s and was stopped.");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BuildFailedException("The " + what + " was interrupted.", e);
        }
        if (!partial.isEmpty()) {
            log.line(DockerOutput.INDENT + partial.toString().stripTrailing());
        }
    }

    /** The env a process of this release gets, as the scheduler builds it, for the one-off container. */
    public static Map<String, String> env(Map<String, String> config, String app, int version, int port) {
        Map<String, String> env = new LinkedHashMap<>(config);
        env.put("PORT", Integer.toString(port));
        env.put("PAAS_APP", app);
        env.put("PAAS_RELEASE", "v" + version);
        env.put("PAAS_PROCESS", PROCESS_TYPE + ".1");
        return env;
    }
}
