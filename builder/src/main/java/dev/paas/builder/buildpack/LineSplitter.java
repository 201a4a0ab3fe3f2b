package dev.paas.builder.buildpack;

import java.util.function.Consumer;

/**
 * Turns the chunks a Docker stream delivers into whole lines (a chunk may end mid-line). A line longer than
 * {@link #MAX_LINE_CHARS} is cut into several, so that output without a newline never grows in memory.
 */
final class LineSplitter {

    static final int MAX_LINE_CHARS = 8192;

    private final Consumer<String> lines;
    private final StringBuilder partial = new StringBuilder();

    LineSplitter(Consumer<String> lines) {
        this.lines = lines;
    }

    synchronized void accept(String chunk) {
        partial.append(chunk);
        int end;
        while ((end = partial.indexOf("\n")) >= 0) {
            lines.accept(partial.substring(0, end).stripTrailing());
            partial.delete(0, end + 1);
        }
        while (partial.length() >= MAX_LINE_CHARS) {
            lines.accept(partial.substring(0, MAX_LINE_CHARS));
            partial.delete(0, MAX_LINE_CHARS);
        }
    }

    synchronized void flush() {
        if (!partial.isEmpty()) {
            lines.accept(partial.toString().stripTrailing());
            partial.setLength(0);
        }
    }
}
