package dev.paas.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The one way a command that changes running state reports it: {@code Scaling hello... web 1 -> 6, done in 1.8s}.
 * What it is doing is printed (and flushed) before the request, so a slow step is visibly under way; the line ends
 * with the elapsed time, or with why it did not finish (the error itself follows on stderr).
 */
final class Progress {

    private final PrintWriter out;
    private final long started = System.nanoTime();

    private Progress(PrintWriter out) {
        this.out = out;
    }

    /** Prints "{@code doing}... " and starts the clock. */
    static Progress start(PrintWriter out, String doing) {
        out.print(doing + "... ");
        out.flush();
        return new Progress(out);
    }

    /** Runs the request; when it throws, ends the line with "failed" and rethrows. */
    <T> T step(Supplier<T> request) {
        try {
            return request.get();
        } catch (RuntimeException e) {
            end("failed");
            throw e;
        }
    }

    /** {@link #step(Supplier)} for a request without an answer. */
    void run(Runnable request) {
        step(() -> {
            request.run();
            return null;
        });
    }

    /** Ends the line with "done in 1.9s". */
    void done() {
        end("done in " + elapsed());
    }

    /** Ends the line with "{@code result}, done in 1.9s". */
    void done(String result) {
        end(result + ", done in " + elapsed());
    }

    /** Ends the line with {@code outcome} when the step did not finish, e.g. "failed" or "not up yet". */
    void end(String outcome) {
        out.println(outcome);
        out.flush();
    }

    /** Seconds since {@link #start}, e.g. "1.9s". */
    String elapsed() {
        return String.format(Locale.ROOT, "%.1fs", (System.nanoTime() - started) / 1e9);
    }
}
