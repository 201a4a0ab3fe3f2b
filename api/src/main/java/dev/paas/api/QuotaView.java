package dev.paas.api;

/**
 * One limit of a user and their use of it.
 *
 * @param name   what 'paas quotas:set' calls it: apps, containers, config-bytes, domains
 * @param scope  "user" (counted across the user's apps) or "app" (each app the user owns)
 * @param used   the use now; for a limit per app, that of the user's app using the most
 * @param custom whether an admin set this limit for the user, rather than the platform's default
 */
public record QuotaView(String name, String scope, long limit, long used, boolean custom) {
}
