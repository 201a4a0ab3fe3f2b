package dev.paas.builder.buildpack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.Mount;
import com.github.dockerjava.api.model.MountType;
import com.github.dockerjava.api.model.StreamType;
import dev.paas.builder.build.BuildFailedException;
import dev.paas.builder.build.BuildLimits;
import dev.paas.builder.build.BuildLog;
import dev.paas.builder.build.ContainerRemoval;
import dev.paas.builder.build.Deadline;
import dev.paas.builder.build.RunSandbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One container of the build stack per build, idle until the buildpacks' scripts are run in it with
 * {@code docker exec}: one container start per build instead of one per script. The app (BUILD_DIR), the
 * app's cache (CACHE_DIR), its config (ENV_DIR) and the buildpacks are bind mounts from this host. It may have
 * been started before its build, by {@link WarmBuildContainers}. It is confined by the build's {@link BuildLimits}:
 * no capability, no new privileges, pids, memory and CPU limits, on the apps network; a script still running when
 * the build's {@link Deadline} is up is frozen with the whole container, which is then removed.
 */
final class BuildContainer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BuildContainer.class);

    /** Names the app a build container builds. */
    static final String APP_LABEL = "paas.build";

    static final String BUILD_DIR = "/app";
    static final String CACHE_DIR = "/cache";
    static final String ENV_DIR = "/env";
    static final String BUILTIN_DIR = "/paas/buildpacks";
    static final String CUSTOM_DIR = "/paas/custom";

    /**
     * The build host's trusted certificates (the PEM bundle and Java's keystore, both made by Debian's
     * update-ca-certificates), shared read-only with builds: where egress goes through a TLS-inspecting proxy,
     * npm and Maven in the build container then trust the same CAs the host does.
     */
    private static final List<String> HOST_TRUST = List.of("/etc/ssl/certs/ca-certificates.crt",
            "/etc/ssl/certs/java/cacerts");

    /**
     * How much of a script's stdout is kept: what is kept is release info (bounded by {@link ReleaseInfo#MAX_BYTES})
     * after a line or two, and anything longer is refused there; the bound only keeps memory bounded.
     */
    static final int MAX_STDOUT_CHARS = 2 * ReleaseInfo.MAX_BYTES;

    /** One script's end: its exit code and what it printed on stdout (kept only when asked for). */
    record Exit(int code, String stdout) {
    }

    private final DockerClient docker;
    private final String id;
    private boolean stopped;

    private BuildContainer(DockerClient docker, String id) {
        this.docker = docker;
        this.id = id;
    }

    /**
     * @param stackImage the build stack image, by name or id
     * @param labels     {@code paas.build=<app>} at least
     * @param space      its {@code app} and {@code env} directories become BUILD_DIR and ENV_DIR
     * @param custom     buildpacks mounted at {@code /paas/custom/<index>}, in this order
     */
    static BuildContainer start(DockerClient docker, String stackImage, Map<String, String> labels, BuildSpace space,
                                Path builtins, List<Buildpack> custom, BuildLimits limits) throws BuildFailedException {
        // Mounts rather than binds: a missing source fails the create instead of Docker making it (as root), so a
        // cache directory removed meanwhile (the app destroyed) is never brought back.
        List<Mount> mounts = new ArrayList<>(List.of(
                bind(space.app(), BUILD_DIR, false),
                bind(space.cacheDir(), CACHE_DIR, false),
                bind(space.env(), ENV_DIR, true),
                bind(builtins, BUILTIN_DIR, true)));
        for (String file : HOST_TRUST) {
            if (java.nio.file.Files.isRegularFile(Path.of(file))) {
                mounts.add(bind(Path.of(file), file, true));
            }
        }
        for (int i = 0; i < custom.size(); i++) {
            mounts.add(bind(custom.get(i).dir(), CUSTOM_DIR + "/" + i, true));
        }
        try {
            RunSandbox.ensureNetwork(docker, limits.network());
            String id = docker.createContainerCmd(stackImage)
                    .withCmd("sleep", "infinity")
                    .withLabels(labels)
                    .withWorkingDir(BUILD_DIR)
                    .withUser(BuildUser.USER)
                    // Not /app: what tools write to HOME (npm's, Maven's defaults) must not end up in the slug.
                    .withEnv("STACK=paas-bookworm", "HOME=/tmp", "LANG=C.UTF-8",
                            "NODE_EXTRA_CA_CERTS=" + HOST_TRUST.get(0), "PIP_CERT=" + HOST_TRUST.get(0))
                    .withHostConfig(limits.hostConfig().withMounts(mounts).withAutoRemove(false))
                    .exec().getId();
            BuildContainer container = new BuildContainer(docker, id);
            try {
                docker.startContainerCmd(id).exec();
            } catch (RuntimeException e) {
                container.close();
                throw e;
            }
            return container;
        } catch (NotFoundException e) {
            throw new BuildFailedException("The build stack image " + stackImage
                    + " is missing on the build host: build it with deploy/lib/images.sh.", e);
        } catch (RuntimeException e) {
            throw new BuildFailedException("Docker could not start the build container: " + e.getMessage(), e);
        }
    }

    private static Mount bind(Path source, String target, boolean readOnly) {
        return new Mount().withType(MountType.BIND).withSource(source.toString()).withTarget(target)
                .withReadOnly(readOnly);
    }

    String id() {
        return id;
    }

    /**
     * Runs a command to its end. Stderr always goes to the log; stdout too, unless {@code captureStdout}.
     * A command still running when the build's time is up is stopped with the whole container (the caller
     * closes it), and the build refused saying so.
     *
     * @throws BuildFailedException when it outlives the build's {@code deadline} or Docker fails
     */
    Exit run(List<String> command, BuildLog log, boolean captureStdout, Deadline deadline)
            throws BuildFailedException {
        deadline.check();
        StringBuilder stdout = new StringBuilder();
        LineSplitter toLog = new LineSplitter(log::line);
        try {
            String exec = docker.execCreateCmd(id).withCmd(command.toArray(String[]::new))
                    .withAttachStdout(true).withAttachStderr(true).exec().getId();
            ResultCallback.Adapter<Frame> output = new ResultCallback.Adapter<>() {
                @Override
                public void onNext(Frame frame) {
                    String text = new String(frame.getPayload(), StandardCharsets.UTF_8);
                    if (captureStdout && frame.getStreamType() == StreamType.STDOUT) {
                        stdout.append(text, 0, Math.max(0, Math.min(text.length(), MAX_STDOUT_CHARS - stdout.length())));
                    } else {
                        toLog.accept(text);
                    }
                }
            };
            docker.execStartCmd(exec).exec(output);
            if (!output.awaitCompletion(deadline.left().toMillis(), TimeUnit.MILLISECONDS)) {
                output.close();
                stop();
                throw deadline.exceeded();
            }
            toLog.flush();
            Long code = docker.inspectExecCmd(exec).exec().getExitCodeLong();
            return new Exit(code == null ? -1 : code.intValue(), stdout.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BuildFailedException("The build was interrupted.", e);
        } catch (IOException | RuntimeException e) {
            throw new BuildFailedException("Docker failed while running " + command.get(0) + ": " + e.getMessage(), e);
        }
    }

    /**
     * Freezes every process of the build now (a script may have left one running in the background), so that
     * nothing changes the app or the cache while the builder reads them back or deletes them: a file checked to be a
     * regular file cannot become a link to the host before it is opened. Pausing (the cgroup freezer) answers once
     * every process is frozen, in about 40 ms on a busy host where a kill takes 250 ms; the removal that follows
     * kills them. The freezer can fail on a very busy host ("unable to freeze", seen at load 30 on 2 cores): the
     * container is then killed, and Docker answers once it has stopped.
     *
     * @throws BuildFailedException when Docker can neither freeze nor kill it
     */
    void stop() throws BuildFailedException {
        if (stopped) {
            return;
        }
        try {
            docker.pauseContainerCmd(id).exec();
        } catch (NotFoundException | ConflictException goneOrNotRunning) {
            // nothing runs in it
        } catch (RuntimeException notFrozen) {
            try {
                docker.stopContainerCmd(id).withTimeout(0).exec();
            } catch (NotFoundException | com.github.dockerjava.api.exception.NotModifiedException goneOrStopped) {
                // nothing runs in it
            } catch (RuntimeException e) {
                throw new BuildFailedException("Docker could not stop the build container: "
                        + notFrozen.getMessage() + "; " + e.getMessage(), e);
            }
        }
        stopped = true;
    }

    /** Frozen now (see {@link #stop}), removed in the background: nothing of the build needs to wait for that. */
    @Override
    public void close() {
        try {
            stop();
        } catch (BuildFailedException e) {
            LOG.warn("Could not stop the build container {}: {}", id, e.getMessage());
        }
        ContainerRemoval.later(docker, id);
    }
}
