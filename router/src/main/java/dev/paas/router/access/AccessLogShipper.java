package dev.paas.router.access;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
 * lines are a convenience, never a reason to stall. When the file shrinks (truncated by hand) it starts over.
 *
 * <p>It also keeps the file bounded: once it has read {@link Rotation#maxBytes()} of it, it renames the file (and
 * the others nginx writes beside it) to {@code NAME.1}, replacing the previous one, and has nginx reopen its logs.
 * nginx keeps writing to the renamed file until its workers have reopened (and workers retiring after a reload
 * never do), so the shipper goes on tailing the renamed file until the next rotation, beside the new one: no line is
 * lost unless a worker still writes two rotations later. Disk use stays under about twice the limit per log.
 */
public final class AccessLogShipper implements Runnable {

    /** Ships a batch; throws when the controller did not take it. */
    public interface Sink {
        void ship(LogBatch batch) throws IOException, InterruptedException;
    }

    /** Has nginx reopen its log files (nginx -s reopen). */
    public interface Reopener {
        void reopen() throws IOException, InterruptedException;
    }

    /** When and how the access log is rotated: {@code alongside} are other logs nginx writes, moved aside too. */
    public record Rotation(long maxBytes, List<Path> alongside, Reopener reopener) {
    }

    private static final Logger log = LoggerFactory.getLogger(AccessLogShipper.class);
    private static final Duration LOOK_EVERY = Duration.ofMillis(250);
    private static final int MAX_BATCH = 2000;
    private static final int TRIES = 3;

    private final Path file;
    private final Supplier<RouteTable> routes;
    private final Sink sink;
    private final Rotation rotation;
    private Tail current;
    /** The file renamed by the last rotation, which nginx may still be writing to. */
    private Tail previous;

    public AccessLogShipper(Path file, Supplier<RouteTable> routes, Sink sink, Rotation rotation) {
        this.file = file;
        this.routes = routes;
        this.sink = sink;
        this.rotation = rotation;
        this.current = new Tail(file, -1);
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
    List<String> readNew() throws IOException, InterruptedException {
        List<String> lines = new ArrayList<>();
        if (previous != null) {
            lines.addAll(previous.read());
        }
        lines.addAll(current.read());
        if (current.position >= rotation.maxBytes()) {
            rotate();
        }
        return lines;
    }

    private void rotate() throws IOException, InterruptedException {
        Path renamed = aside(file);
        Files.move(file, renamed, StandardCopyOption.REPLACE_EXISTING);
        for (Path other : rotation.alongside()) {
            if (Files.exists(other)) {
                Files.move(other, aside(other), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        previous = current.renamedTo(renamed);
        current = new Tail(file, 0);
        try {
            rotation.reopener().reopen();
        } catch (IOException e) {
            // nginx goes on writing to the renamed file, which is still tailed; its next start or reload reopens.
            log.warn("rotated {} but nginx did not reopen its logs: {}", file, e.getMessage());
        }
    }

    private static Path aside(Path path) {
        return path.resolveSibling(path.getFileName() + ".1");
    }

    /** One file read by path from a position, with the incomplete last line kept for the next read. */
    private static final class Tail {

        private final Path path;
        /** -1: not read yet, start at the end. */
        private long position;
        private final StringBuilder partial = new StringBuilder();

        Tail(Path path, long position) {
            this.path = path;
            this.position = position;
        }

        Tail renamedTo(Path renamed) {
            Tail tail = new Tail(renamed, position);
            tail.partial.append(partial);
            return tail;
        }

        List<String> read() throws IOException {
            if (!Files.exists(path)) {
                return List.of();
            }
            try (RandomAccessFile in = new RandomAccessFile(path.toFile(), "r")) {
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
