package dev.paas.controller.cert;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What to do for one app with automatic certificates. Pure: given the app's custom domains, the certificate it has
 * and its last attempts, say whether to ask the ACME server now, and when next. A certificate is asked for when the
 * app has none from ACME, when it does not cover a custom domain (one was added), and from {@link #RENEW_BEFORE}
 * before it expires. A failure is retried after a back-off that doubles from {@link #FIRST_RETRY} up to
 * {@link #LAST_RETRY}, so a domain that does not point at the routers does not hammer the ACME server (public ones
 * limit failed validations per hour).
 */
public final class AutoCertPlan {

    static final Duration RENEW_BEFORE = Duration.ofDays(30);
    static final Duration FIRST_RETRY = Duration.ofMinutes(5);
    static final Duration LAST_RETRY = Duration.ofHours(24);

    /** The app's automatic-certificate row. */
    record Attempts(int failures, Instant lastAttempt) {
    }

    /** The certificate the app serves its custom domains with now: its own (not one added for a single domain). */
    record Current(String source, List<String> names, Instant notAfter) {
    }

    sealed interface Decision {
        /** When the next attempt is due, null when nothing is (no custom domain). */
        Instant next();
    }

    /** Ask for a certificate for {@code domains} now. */
    record Issue(List<String> domains, String reason) implements Decision {
        @Override
        public Instant next() {
            return null;
        }
    }

    /** Nothing to do before {@code next} (null: nothing to do until something changes). */
    record Wait(Instant next, String reason) implements Decision {
    }

    private AutoCertPlan() {
    }

    static Decision decide(List<String> custom, Current current, Attempts attempts, Instant now) {
        if (custom.isEmpty()) {
            return new Wait(null, "the app has no custom domain");
        }
        Instant retry = retryAt(attempts);
        if (retry != null && now.isBefore(retry)) {
            return new Wait(retry, "retrying after " + attempts.failures() + " failed attempt"
                    + (attempts.failures() == 1 ? "" : "s"));
        }
        if (current == null || !"acme".equals(current.source())) {
            return new Issue(custom, current == null ? "no certificate yet" : "replacing an uploaded certificate");
        }
        List<String> uncovered = custom.stream().filter(d -> !CertificateCheck.covers(current.names(), d)).toList();
        if (!uncovered.isEmpty()) {
            return new Issue(custom, "not yet covered: " + String.join(", ", uncovered));
        }
        Instant renewal = current.notAfter().minus(RENEW_BEFORE);
        if (!now.isBefore(renewal)) {
            return new Issue(custom, "renewal: expires " + current.notAfter());
        }
        return new Wait(renewal, "renewal starts 30 days before expiry");
    }

    /** When a failed app may be tried again; null when its last attempt did not fail. */
    static Instant retryAt(Attempts attempts) {
        if (attempts.failures() <= 0 || attempts.lastAttempt() == null) {
            return null;
        }
        Duration wait = FIRST_RETRY.multipliedBy(1L << Math.min(attempts.failures() - 1, 20));
        return attempts.lastAttempt().plus(wait.compareTo(LAST_RETRY) > 0 ? LAST_RETRY : wait);
    }

    /** Why {@code paas certs:auto:enable} cannot be done, if it cannot. */
    static Optional<String> refusal(boolean configured, String app, List<String> custom) {
        if (!configured) {
            return Optional.of("Automatic certificates are not set up on this platform: an admin sets the ACME"
                    + " directory URL (PAAS_ACME_DIRECTORY) on the controller. Meanwhile add a certificate with"
                    + " 'paas certs:add CERT KEY'.");
        }
        if (custom.isEmpty()) {
            return Optional.of(app + " has no custom domain: add one with 'paas domains:add NAME' first (pointed at the"
                    + " routers). Automatic certificates cover custom domains only; the default names use the"
                    + " platform's certificate.");
        }
        return Optional.empty();
    }
}
