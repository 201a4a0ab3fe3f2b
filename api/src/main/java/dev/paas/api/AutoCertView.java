package dev.paas.api;

import java.time.Instant;
import java.util.List;

/**
 * An app's automatic certificate (ACME) as the API shows it.
 *
 * @param state       {@code pending} (none issued yet), {@code issued} or {@code failed}; null when not enabled
 * @param domains     the custom domains the certificate is for
 * @param issuer      the issuer of the certificate it got, null before the first
 * @param notAfter    when that certificate expires; renewal starts 30 days before
 * @param lastError   why the last attempt failed, null after a success
 * @param nextAttempt when the platform tries next (a renewal, or a retry after a failure), null when nothing is due
 */
public record AutoCertView(String app, boolean enabled, String state, List<String> domains, String issuer,
                           Instant notAfter, Instant lastAttempt, String lastError, Instant nextAttempt,
                           String enabledBy) {
}
