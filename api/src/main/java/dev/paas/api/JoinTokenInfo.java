package dev.paas.api;

import java.time.Instant;

/**
 * A join token as {@code paas formations:tokens} lists it: never the secret, only its first characters
 * ({@code prefix}, null for tokens made before prefixes were kept). {@code lastUsedAt} is null until a node-agent
 * or router presents it; it is updated at most once a minute.
 */
public record JoinTokenInfo(long id, String prefix, String formation, String layer, String createdBy,
                            Instant createdAt, Instant lastUsedAt) {
}
