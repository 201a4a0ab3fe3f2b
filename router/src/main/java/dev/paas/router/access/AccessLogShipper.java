package dev.paas.router.access;

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
import java.util.function.Supplier;

import dev.paas.api.LogBatch;
import dev.paas.api.LogLine;
import dev.paas.api.RouteTable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tails nginx's {@code access-paas.log} from its end (lines written while the router was down are not replayed)
 * and ships each request whose host belongs to an app. Lines it cannot ship after a few tries are dropped: access
 * lines are a convenience, never a reason to stall. When the file shrinks (rotated, truncated) it starts over.
 */
public final class AccessLogShipper implements Runnable {

    /** Ships a batch; throws when the controller did not take it. */
    public interface Sink {
        void ship(LogBatch batch) throws IOException, InterruptedException;
    }

    private static final Logger log = LoggerFactory.getLogger(AccessLogShipper.class);
    private static final Duration LOOK_EVERY = Duration.ofMillis(250);
    private static final int MAX_BATCH = 2000;
    private static final int TRIES = 3;

    private final Path file;
    private final Supplier<RouteTable> routes;
    private final Sink sink;
    private long position = -1;
    private final StringBuilder partial = new StringBuilder();

    public AccessLogShipper(Path file, Supplier<RouteTable> routes, Sink sink) {
        this.file = file;
        this.routes = routes;
        this.sink = sink;
    }

    @Override
    public void run() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                List<String> lines = readNew();
                for (int from = 0; from < lines.size(); from += MAX_BATCH) {
                    ship(lines.subList(from, Math.min(lines.size(), from + MAX_BATCH)));
                }
                Thread.sleep(LOOK_EVERY.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException e) {
                log.warn("could not read {}: {}", file, e.getMessage());
                pause();
            }
        }
    }

    /** Complete lines added since the last call; the first call only finds the end. */
    List<String> readNew() throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long length = in.length();
            if (position < 0 || length < position) {
                position = position < 0 ? length : 0;
                partial.setLength(0);
            }
            if (length == position) {
                return List.of();
            }
            byte[] bytes = new byte[(int) Math.min(length - position, 8 << 20)];
            in.seek(position);
            in.readFully(bytes);
            position += bytes.length;
            partial.append(new String(bytes, StandardCharsets.UTF_8));
        }
        List<String> lines = new ArrayList<>();
        int newline;
        while ((newline = partial.indexOf("\n")) >= 0) {
            lines.add(partial.substring(0, newline));
            partial.delete(0, newline + 1);
        }
        return lines;
    }

    /** Router log lines for the requests whose host is one of an app's domains. */
    static List<LogLine> toLogLines(List<String> lines, RouteTable table) {
        Map<String, String> appByHost = new HashMap<>();
        if (table != null && table.routes() != null) {
            table.routes().forEach(r -> (r.domains() == null ? List.<String>of() : r.domains())
                    .forEach(d -> appByHost.put(d.toLowerCase(java.util.Locale.ROOT), r.app())));
        }
        List<LogLine> out = new ArrayList<>();
        for (String raw : lines) {
            AccessLine line = AccessLine.parse(raw);
            String app = line == null ? null : appByHost.get(line.host());
            if (app != null) {
                out.add(new LogLine(0, line.time(), app, LogLine.ROUTER, "router", null, line.text()));
            }
        }
        return out;
    }

    private void ship(List<String> lines) throws InterruptedException {
        List<LogLine> batch = toLogLines(lines, routes.get());
        if (batch.isEmpty()) {
            return;
        }
        for (int attempt = 1; attempt <= TRIES; attempt++) {
            try {
                sink.ship(new LogBatch(batch));
                return;
            } catch (IOException e) {
                if (attempt == TRIES) {
                    log.warn("dropped {} access lines: {}", batch.size(), e.getMessage());
                } else {
                    Thread.sleep(500L * attempt);
                }
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
