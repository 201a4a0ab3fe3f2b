package dev.paas.api;

/**
 * {@code paas limits:set --body-mb 20 --read-timeout 120}: a null field is left as it is, 0 puts back the
 * platform's default.
 */
public record LimitsRequest(Integer maxBodyMb, Integer readTimeoutSeconds) {
}
