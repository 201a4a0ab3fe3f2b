package dev.paas.controller.run;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import dev.paas.api.LogLine;
import dev.paas.builder.build.LocalDocker;
import dev.paas.builder.build.RunSandbox;
import dev.paas.controller.log.LogStore;
import dev.paas.controller.release.Release;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * One-offs the platform starts itself (app.json's postdeploy scripts and cron entries): a shell command in a fresh
 * container of a release, confined as {@code paas run}'s are, its output stored in the app's log under the process
 * name it is given ({@code postdeploy}, {@code cron[name]}).
 */
@Service
public class OneOffs {

    /** Lines longer than this are cut: the log keeps lines, not files. */
    private static final int MAX_LINE = 8 * 1024;

    private final LogStore logs;
    private final RunSandbox sandbox;
    private OneOffRunner runner;

    OneOffs(LogStore logs, @Value("${paas.container-memory-mb:256}") int memoryMb,
            @Value("${paas.run-pids-limit:512}") long pidsLimit) {
        this.logs = logs;
        this.sandbox = RunSandbox.defaults().withMemoryMb(memoryMb).withPidsLimit(pidsLimit);
    }

    /**
     * Runs {@code command} with {@code /bin/sh -c} in a container of {@code release} (its image, its config) and
     * answers its exit code.
     *
     * @param release read in a transaction by the caller: its build is loaded
     * @param lines   each output line as it comes, besides the app's log
     * @param created the container's id once it exists, for {@link #stop}
     */
    public int run(String app, Release release, String process, String command, Consumer<String> lines,
                   Consumer<String> created) throws InterruptedException {
        Map<String, String> env = new LinkedHashMap<>(release.getConfig());
        env.put("PORT", Integer.toString(release.getBuild().getPort()));
        env.put("PAAS_APP", app);
        env.put("PAAS_RELEASE", "v" + release.getVersion());
        env.put("PAAS_PROCESS", process);
        OneOffProcess oneOff = new OneOffProcess(app, release.getVersion(), release.getBuild().getImage(), env,
                List.of("/bin/sh", "-c", command));
        Map<String, StringBuilder> partial = new LinkedHashMap<>();
        try {
            int code = runner().run(oneOff, (stream, text) -> {
                StringBuilder buffer = partial.computeIfAbsent(stream, s -> new StringBuilder());
                buffer.append(text);
                List<String> complete = new ArrayList<>();
                int end;
                while ((end = buffer.indexOf("\n")) >= 0) {
                    complete.add(buffer.substring(0, end));
                    buffer.delete(0, end + 1);
                }
                if (buffer.length() > MAX_LINE) {
                    complete.add(buffer.toString());
                    buffer.setLength(0);
                }
                store(app, process, release.getVersion(), complete, lines);
            }, created);
            partial.values().forEach(rest -> store(app, process, release.getVersion(),
                    rest.isEmpty() ? List.of() : List.of(rest.toString()), lines));
            return code;
        } catch (java.io.IOException e) {
            throw new IllegalStateException("The one-off's output stream failed: " + e.getMessage(), e);
        }
    }

    /** Removes a running one-off's container; its {@link #run} then answers. */
    public void stop(String containerId) {
        runner().stop(containerId);
    }

    private void store(String app, String process, int version, List<String> complete, Consumer<String> lines) {
        if (complete.isEmpty()) {
            return;
        }
        List<LogLine> stored = new ArrayList<>();
        for (String line : complete) {
            String text = line.length() > MAX_LINE ? line.substring(0, MAX_LINE) : line.stripTrailing();
            lines.accept(text);
            stored.add(new LogLine(0, Instant.now(), app, LogLine.APP, process, version, text));
        }
        try {
            logs.append(stored);
        } catch (RuntimeException e) {
            // A lost log line must not end the process it came from.
        }
    }

    private synchronized OneOffRunner runner() {
        if (runner == null) {
            runner = new OneOffRunner(LocalDocker.connect(), sandbox);
        }
        return runner;
    }
}
