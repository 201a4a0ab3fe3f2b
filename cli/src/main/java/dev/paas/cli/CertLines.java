package dev.paas.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import dev.paas.api.AutoCertView;
import dev.paas.api.CertView;
import dev.paas.api.HttpsView;

/** How the certs commands read PEM files and print certificates. */
final class CertLines {

    /** Larger than any certificate chain or key the controller accepts; checked here so nothing large is sent. */
    private static final long MAX_FILE_BYTES = 64 * 1024;

    private CertLines() {
    }

    static String read(Path file, String what) {
        try {
            if (!Files.isRegularFile(file)) {
                throw new UserError("No such file: " + file + " (the " + what + ").");
            }
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new UserError(file + " is larger than 64 KiB: is it the " + what + "?");
            }
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (java.nio.charset.MalformedInputException e) {
            throw new UserError(file + " is not a PEM file (the " + what + ").");
        } catch (IOException e) {
            throw new UserError("Cannot read " + file + ": " + e.getMessage());
        }
    }

    static void info(PrintWriter out, CertView cert) {
        out.println("=== " + (cert.app() == null ? "Platform certificate (default <app>.<domain> names)"
                : cert.app() + (cert.domain() == null ? ": the app's certificate" : ": certificate for " + cert.domain())));
        out.println("Names:       " + String.join(", ", cert.names()));
        if (cert.app() != null) {
            out.println("Serves:      " + (cert.serves().isEmpty() ? "nothing now" : String.join(", ", cert.serves())));
        }
        out.println("Subject:     " + cert.subject());
        out.println("Issuer:      " + cert.issuer());
        out.println("Valid:       " + cert.notBefore() + " to " + cert.notAfter() + expiry(cert.notAfter()));
        out.println("Chain:       " + String.join(" <- ", cert.chain()));
        out.println("Fingerprint: SHA-256 " + cert.fingerprint());
        out.println("Added:       " + cert.addedAt() + " by " + cert.addedBy() + " (" + cert.source() + ")");
    }

    static String expiry(Instant notAfter) {
        long days = java.time.Duration.between(Instant.now(), notAfter).toDays();
        return notAfter.isBefore(Instant.now()) ? " (EXPIRED)" : " (" + days + " days left)";
    }

    /** The automatic-certificate lines of {@code paas certs}. */
    static void auto(PrintWriter out, AutoCertView view) {
        if (!view.enabled()) {
            out.println("Automatic certificates: off ('paas certs:auto:enable' gets one over ACME)");
            return;
        }
        out.println("Automatic certificates: " + view.state() + " for " + String.join(", ", view.domains())
                + " (enabled by " + view.enabledBy() + ")");
        if (view.notAfter() != null) {
            out.println("  Issuer:       " + view.issuer());
            out.println("  Expires:      " + view.notAfter() + expiry(view.notAfter()));
        }
        if (view.lastAttempt() != null) {
            out.println("  Last attempt: " + view.lastAttempt());
        }
        if (view.lastError() != null) {
            out.println("  Last error:   " + view.lastError());
        }
        if (view.nextAttempt() != null) {
            out.println("  Next attempt: " + view.nextAttempt());
        }
    }

    static void https(PrintWriter out, HttpsView view) {
        out.println("HTTPS of " + view.app() + ": redirect from HTTP " + (view.redirect() ? "on" : "off") + ", HSTS "
                + (view.hsts() ? "on" : "off"));
    }
}
