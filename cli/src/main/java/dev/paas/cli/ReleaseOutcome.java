package dev.paas.cli;

import java.io.PrintWriter;

import dev.paas.api.ReleaseView;

/** How a command that made a release (config:set, config:unset, rollback) ends: its version, or why it failed. */
final class ReleaseOutcome {

    private ReleaseOutcome() {
    }

    /** Finishes the "... " progress line; answers the exit code: 1 unless the release serves. */
    static int report(PrintWriter out, PrintWriter err, ReleaseView release, long startedNanos) {
        String elapsed = String.format("%.1fs", (System.nanoTime() - startedNanos) / 1e9);
        switch (release.status()) {
            case "succeeded" -> {
                out.println("done, v" + release.version() + " in " + elapsed);
                return 0;
            }
            case "failed" -> {
                out.println("failed");
                err.println(release.failure() + "; the previous release keeps serving.");
                return 1;
            }
            default -> {
                out.println("still deploying");
                err.println("v" + release.version() + " is not serving yet after " + elapsed
                        + ": see 'paas releases' and 'paas ps'.");
                return 1;
            }
        }
    }
}
