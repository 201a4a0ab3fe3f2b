package dev.paas.api;

import java.time.Instant;
import java.util.List;

/**
 * An app as the cli shows it.
 *
 * @param release   current release version, or null before the first deploy
 * @param formation the formation whose nodes run it
 * @param access    what the caller is to the app: {@code owner}, {@code collaborator} or {@code admin}
 */
public record AppView(String name, String owner, String webUrl, String gitUrl, Integer release,
                      Instant createdAt, List<ProcessView> processes, String formation,
                      String access) {

    /** One container of the app: {@code web.1}, its release, node and state. */
    public record ProcessView(String name, String processType, int index, int release, String node, String state) {
    }
}
