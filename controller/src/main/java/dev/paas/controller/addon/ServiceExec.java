package dev.paas.controller.addon;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Runs commands inside an add-on's running service container with {@code docker exec} on the controller's Docker
 * host (the build host's engine): dumps stream to a file, a dump to restore is copied in first. Commands are argv
 * lists, never shell strings. Each call is bounded in time; stderr is kept (bounded) for the failure's reason.
 */
class ServiceExec {

    private static final int STDERR_MAX = 4096;

    /** A command that failed, with its exit code and the end of its stderr. */
    static final class ExecFailed extends RuntimeException {
        ExecFailed(String message) {
            super(message);
        }
    }

    private final DockerClient docker;

    ServiceExec(DockerClient docker) {
        this.docker = docker;
    }

    /**
     * The running service container of the add-on (of its current credentials) on this engine, found by its
     * platform label; empty when it runs elsewhere ({@link BackupRules#route} then picks {@link RemoteClient}).
     */
    java.util.Optional<String> runningContainer(Addon addon) {
        List<Container> found = docker.listContainersCmd()
                .withLabelFilter(Map.of("paas.managed", "true", "paas.name", addon.containerName())).exec();
        return found.stream().filter(c -> "running".equals(c.getState())).map(Container::getId).findFirst();
    }

    /** Runs {@code command}, its stdout written to {@code out}; throws {@link ExecFailed} unless it exits 0. */
    void run(String container, List<String> command, OutputStream out, Duration timeout) {
        String exec = docker.execCreateCmd(container).withCmd(command.toArray(String[]::new))
                .withAttachStdout(true).withAttachStderr(true).exec().getId();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        var callback = docker.execStartCmd(exec).exec(new ResultCallback.Adapter<Frame>() {
            @Override
            public void onNext(Frame frame) {
                try {
                    if (frame.getStreamType() == StreamType.STDOUT || frame.getStreamType() == StreamType.RAW) {
                        out.write(frame.getPayload());
                    } else if (err.size() < STDERR_MAX) {
                        err.write(frame.getPayload(), 0, Math.min(frame.getPayload().length, STDERR_MAX - err.size()));
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        });
        try {
            if (!callback.awaitCompletion(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                callback.close();
                throw new ExecFailed(command.get(0) + " took longer than " + timeout.toSeconds() + "s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ExecFailed("interrupted");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Long code = docker.inspectExecCmd(exec).exec().getExitCodeLong();
        if (code == null || code != 0) {
            throw new ExecFailed(command.get(0) + " exited with " + code + ": "
                    + err.toString(StandardCharsets.UTF_8).strip());
        }
    }

    /** Copies {@code size} bytes from {@code data} into the container as {@code dir/fileName}, readable by all. */
    void copyIn(String container, String dir, String fileName, InputStream data, long size) throws IOException {
        java.io.PipedInputStream tar = new java.io.PipedInputStream(1 << 16);
        java.io.PipedOutputStream feed = new java.io.PipedOutputStream(tar);
        Thread writer = new Thread(() -> {
            try (TarArchiveOutputStream out = new TarArchiveOutputStream(feed)) {
                TarArchiveEntry entry = new TarArchiveEntry(fileName);
                entry.setSize(size);
                entry.setMode(0644);
                out.putArchiveEntry(entry);
                data.transferTo(out);
                out.closeArchiveEntry();
            } catch (IOException e) {
                // The copy below fails with a broken stream and says so.
            }
        }, "restore-copy");
        writer.setDaemon(true);
        writer.start();
        try {
            docker.copyArchiveToContainerCmd(container).withRemotePath(dir).withTarInputStream(tar).exec();
        } finally {
            tar.close();
            writer.interrupt();
        }
    }
}
