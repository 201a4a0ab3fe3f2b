package dev.paas.api;

import java.time.Instant;
import java.util.Map;

/**
 * One release of an app as the cli shows it.
 *
 * @param status  {@code deploying}, {@code succeeded} or {@code failed}
 * @param failure why it failed, or null
 * @param config  its config; only in answers about one release (null in lists)
 */
public record ReleaseView(int version, String summary, String createdBy, Instant createdAt, String status,
                          String failure, String gitSha, String image, Map<String, String> config) {
}
