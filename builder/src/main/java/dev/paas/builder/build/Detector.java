package dev.paas.builder.build;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Recognises one kind of app from its files, like a Heroku buildpack's {@code bin/detect}. An external
 * buildpack can become one more implementation that runs its script.
 */
public interface Detector {

    /** Shown to the pusher: {@code -----> Python app detected}. */
    String language();

    /** What to add so this detector matches, for the "nothing detected" message: "a requirements.txt (Python)". */
    String hint();

    boolean detects(Path app) throws IOException;

    /** The first detector, in the given order, that recognises the app; the order is the priority. */
    static Detector first(List<Detector> detectors, Path app) throws IOException, BuildFailedException {
        for (Detector detector : detectors) {
            if (detector.detects(app)) {
                return detector;
            }
        }
        throw new BuildFailedException("No buildpack detected this app: add "
                + detectors.stream().map(Detector::hint).collect(Collectors.joining(", or ")) + ".");
    }
}
