package dev.paas.cli;

import java.io.PrintWriter;

import dev.paas.api.ReleaseView;

/** How a command that made a release (config:set, config:unset, rollback, ps:restart) ends: its version, or why it failed. */
final class ReleaseOutcome {

    private ReleaseOutcome() {
    }

    /** Ends the progress line; answers the exit code: 1 unless the release serves. */
    static int report(Progress progress, PrintWriter err, ReleaseView release) {
        switch (release.status()) {
            case "succeeded" -> {
                progress.done("v" + release.version());
                return 0;
            }
            case "failed" -> {
                progress.end("failed");
                err.println(release.failure() + "; the previous release keeps serving.");
                return 1;
            }
            default -> {
                progress.end("still deploying");
                err.println("v" + release.version() + " is not serving yet after " + progress.elapsed()
                        + ": see 'paas releases' and 'paas ps'.");
                return 1;
            }
        }
    }
}
