package dev.paas.api;

import java.time.Instant;
import java.util.Map;

/**
 * One build of an app, as {@code paas builds} lists it.
 *
 * @param status       building, succeeded or failed
 * @param image        the pushed image, null unless it succeeded
 * @param processTypes from the Procfile or the buildpack's defaults
 * @param finishedAt   null while building
 * @param failure      why it failed, or null
 */
public record BuildView(long id, String gitSha, String status, String image, Map<String, String> processTypes,
                        String createdBy, Instant createdAt, Instant finishedAt, String failure) {
}
