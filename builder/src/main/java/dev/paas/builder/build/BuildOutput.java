package dev.paas.builder.build;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;

/**
 * What is kept of a build's output for its stored log: every line while they fit in {@code maxBytes}, then the
 * newest ones (the end of a build says why it failed), with a line in front saying how much was cut. The pusher
 * still sees every line as it comes; only what is kept in memory and stored is bounded.
 */
public final class BuildOutput {

    private final long maxBytes;
    private final Deque<String> lines = new ArrayDeque<>();
    private long bytes;
    private long cutLines;
    private long cutBytes;

    public BuildOutput(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    public synchronized void add(String line) {
        long size = line.getBytes(StandardCharsets.UTF_8).length + 1L;
        lines.addLast(line);
        bytes += size;
        while (bytes > maxBytes && !lines.isEmpty()) {
            String dropped = lines.removeFirst();
            long droppedSize = dropped.getBytes(StandardCharsets.UTF_8).length + 1L;
            bytes -= droppedSize;
            cutLines++;
            cutBytes += droppedSize;
        }
    }

    /** The kept lines, after a line saying what was cut, if anything was. */
    public synchronized String text() {
        StringBuilder text = new StringBuilder();
        if (cutLines > 0) {
            text.append(" !     ").append(cutLines).append(cutLines == 1 ? " line" : " lines").append(" (")
                    .append(size(cutBytes)).append(") of build output cut here: the log keeps the last ")
                    .append(size(maxBytes)).append(" (paas.build.log-max)\n");
        }
        text.append(String.join("\n", lines));
        return text.toString();
    }

    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " bytes";
        }
        if (bytes < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KB", bytes / 1024.0);
        }
        return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024));
    }
}
