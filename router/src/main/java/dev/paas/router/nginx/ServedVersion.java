package dev.paas.router.nginx;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/**
 * Asks nginx which route table version it serves. {@code nginx -s reload} only signals the master; the new workers
 * take over a little later, and the router must not acknowledge a table its nginx does not serve yet.
 */
final class ServedVersion {

    private static final Duration POLL = Duration.ofMillis(20);

    private ServedVersion() {
    }

    static Optional<Long> current(ListenAddress listen) {
        try {
            var response = HostRequest.get(listen.probeHost(), listen.port(), Names.PROBE_HOST, "/");
            return Optional.ofNullable(response.header(RoutesRenderer.VERSION_HEADER)).map(Long::parseLong);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    static void await(ListenAddress listen, long version, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Optional<Long> served = current(listen);
        while (!served.equals(Optional.of(version))) {
            if (System.nanoTime() > deadline) {
                throw new IOException("nginx on " + listen + " still serves route table "
                        + served.map(v -> "v" + v).orElse("(no answer)") + " " + timeout.toSeconds()
                        + "s after reloading for v" + version + "; see " + "error.log in the nginx directory");
            }
            Thread.sleep(POLL.toMillis());
            served = current(listen);
        }
    }
}
