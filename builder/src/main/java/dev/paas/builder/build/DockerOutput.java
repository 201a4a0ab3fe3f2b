package dev.paas.builder.build;

import java.util.function.Predicate;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.ResponseItem;

/**
 * Relays the progress stream of a Docker build or push to the {@link BuildLog}, indented the way Heroku
 * indents build output, and remembers the last error Docker reported (which ends the stream).
 */
final class DockerOutput<T extends ResponseItem> extends ResultCallback.Adapter<T> {

    static final String INDENT = "       ";
    static final int MAX_LINE_CHARS = 8192;

    private final BuildLog log;
    private final Predicate<T> shown;
    private final StringBuilder partial = new StringBuilder();
    private volatile String error;

    /** Build output: every line of the {@code stream} field. */
    static <T extends ResponseItem> DockerOutput<T> build(BuildLog log) {
        return new DockerOutput<>(log, item -> true);
    }

    /** Push output: only the summary lines, not the per-layer progress bars. */
    static <T extends ResponseItem> DockerOutput<T> push(BuildLog log) {
        return new DockerOutput<>(log, item -> item.getId() == null);
    }

    private DockerOutput(BuildLog log, Predicate<T> shown) {
        this.log = log;
        this.shown = shown;
    }

    @Override
    public void onNext(T item) {
        if (item.isErrorIndicated()) {
            error = item.getErrorDetail() != null && item.getErrorDetail().getMessage() != null
                    ? item.getErrorDetail().getMessage() : item.getError();
            return;
        }
        if (!shown.test(item)) {
            return;
        }
        // A build's "stream" chunks are not whole lines (a RUN step's output arrives as it is written).
        String text = item.getStream() != null ? item.getStream()
                : item.getStatus() != null ? item.getStatus() + "\n" : null;
        if (text != null) {
            partial.append(text);
            emitWholeLines();
        }
    }

    @Override
    public void onComplete() {
        if (!partial.isEmpty()) {
            partial.append('\n');
            emitWholeLines();
        }
        super.onComplete();
    }

    /** The last error Docker reported, or null if it reported none. */
    String error() {
        return error;
    }

    private void emitWholeLines() {
        int end;
        while ((end = partial.indexOf("\n")) >= 0) {
            String line = partial.substring(0, end).stripTrailing();
            partial.delete(0, end + 1);
            if (!line.isBlank()) {
                log.line(INDENT + line);
            }
        }
        // Output without a newline is cut into lines of its own: it never grows in memory.
        while (partial.length() >= MAX_LINE_CHARS) {
            log.line(INDENT + partial.substring(0, MAX_LINE_CHARS));
            partial.delete(0, MAX_LINE_CHARS);
        }
    }
}
