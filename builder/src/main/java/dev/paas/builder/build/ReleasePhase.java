package dev.paas.builder.build;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Frame;

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
        String id;
        try {
            // App code, confined as the app's own containers are (docs/security.md, "Apps at run time").
            sandbox.ensureNetwork(docker);
            id = docker.createContainerCmd(image)
                    .withCmd("/bin/sh", "-c", command)
                    .withEnv(env.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList())
                    .withLabels(Map.of("paas.release-phase", app))
                    .withHostConfig(sandbox.hostConfig())
                    .exec().getId();
        } catch (RuntimeException e) {
            throw new BuildFailedException("Docker could not create the release container: " + e.getMessage(), e);
        }
        try {
            docker.startContainerCmd(id).exec();
            stream(id, log, timeout);
            Integer code = docker.waitContainerCmd(id).start().awaitStatusCode(timeout.toSeconds(), TimeUnit.SECONDS);
            return code == null ? -1 : code;
        } catch (RuntimeException e) {
            throw new BuildFailedException("The release command could not run: " + e.getMessage(), e);
        } finally {
            try {
                docker.removeContainerCmd(id).withForce(true).exec();
            } catch (NotFoundException gone) {
                // removed already
            }
        }
    }

    private void stream(String id, BuildLog log, Duration timeout) throws BuildFailedException {
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
                throw new BuildFailedException("The release command ran for more than " + timeout.toSeconds()
                        + " s and was stopped.");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BuildFailedException("The release command was interrupted.", e);
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
