package dev.paas.controller.run;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.PullImageResultCallback;
import com.github.dockerjava.api.command.WaitContainerResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import dev.paas.builder.build.RunSandbox;

/**
 * Runs one process in a fresh container and streams its output. The container carries {@code paas.run} (not
 * {@code paas.managed}), so no node-agent ever adopts or removes it; it is removed here when the process ends.
 */
final class OneOffRunner {

    static final int MAX_HOURS = 12;

    private final DockerClient docker;
    private final RunSandbox sandbox;

    OneOffRunner(DockerClient docker, RunSandbox sandbox) {
        this.docker = docker;
        this.sandbox = sandbox;
    }

    /** Returns the exit code; {@code output} gets (stdout|stderr, text) as it comes. */
    int run(OneOffProcess process, BiConsumer<String, String> output) throws InterruptedException, java.io.IOException {
        return run(process, output, id -> { });
    }

    /** As {@link #run(OneOffProcess, BiConsumer)}; {@code created} gets the container's id, for {@link #stop}. */
    int run(OneOffProcess process, BiConsumer<String, String> output, java.util.function.Consumer<String> created)
            throws InterruptedException, java.io.IOException {
        ensureImage(process.image());
        sandbox.ensureNetwork(docker);
        // App code, confined as the app's own containers are (docs/security.md, "Apps at run time").
        String id = docker.createContainerCmd(process.image())
                .withLabels(Map.of("paas.run", "true", "paas.app", process.app(), "paas.release", "" + process.release()))
                .withEnv(process.env().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList())
                .withCmd(process.command())
                .withHostConfig(sandbox.hostConfig())
                .exec().getId();
        created.accept(id);
        try {
            try {
                docker.startContainerCmd(id).exec();
            } catch (RuntimeException e) {
                throw new CannotStart(process.command().get(0), e);
            }
            // The container's log read from its start and followed: every line once, including those written before
            // this call. An attach with logs=true, made before the start, replayed the first line a second time when
            // the attach raced the process's first output (CI: "10000\n10000\n" from `id -u`).
            var streamed = docker.logContainerCmd(id).withStdOut(true).withStdErr(true).withFollowStream(true)
                    .exec(new ResultCallback.Adapter<Frame>() {
                        @Override
                        public void onNext(Frame frame) {
                            output.accept(frame.getStreamType() == StreamType.STDERR ? "stderr" : "stdout",
                                    new String(frame.getPayload(), java.nio.charset.StandardCharsets.UTF_8));
                        }
                    });
            Integer code = docker.waitContainerCmd(id).exec(new WaitContainerResultCallback())
                    .awaitStatusCode(MAX_HOURS, TimeUnit.HOURS);
            // The followed log ends with the process; wait for its last bytes before answering the exit code.
            streamed.awaitCompletion(10, TimeUnit.SECONDS);
            return code == null ? 1 : code;
        } finally {
            try {
                docker.removeContainerCmd(id).withForce(true).exec();
            } catch (NotFoundException gone) {
                // Already removed.
            }
        }
    }

    /** Ends a one-off before its time (a cron entry replaced by its next run): its {@link #run} then returns. */
    void stop(String containerId) {
        try {
            docker.removeContainerCmd(containerId).withForce(true).exec();
        } catch (NotFoundException gone) {
            // ended meanwhile
        }
    }

    /** Docker refused to start the process (typically: no such executable in the image). */
    static final class CannotStart extends RuntimeException {
        CannotStart(String program, RuntimeException cause) {
            super("Could not start '" + program + "': " + reason(cause), cause);
        }

        private static String reason(RuntimeException e) {
            String message = (e.getMessage() == null ? e.toString() : e.getMessage()).replace("\\", "");
            int exec = message.indexOf("exec: ");
            String reason = exec >= 0 ? message.substring(exec + 6) : message;
            return reason.replaceAll("(: unknown)?[\\s\"}]*$", "").strip();
        }
    }

    private void ensureImage(String image) throws InterruptedException {
        try {
            docker.inspectImageCmd(image).exec();
        } catch (NotFoundException e) {
            int colon = image.lastIndexOf(':');
            docker.pullImageCmd(image.substring(0, colon)).withTag(image.substring(colon + 1))
                    .exec(new PullImageResultCallback()).awaitCompletion(10, TimeUnit.MINUTES);
        }
    }
}
