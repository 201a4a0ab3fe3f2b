package dev.paas.api;

import java.time.Instant;
import java.util.List;

/**
 * An add-on (a backing service the platform runs) and the apps it is attached to.
 *
 * @param state   {@code pending}, {@code starting}, {@code up}, {@code exited} (crashed, being restarted) ...
 * @param node    the node its service container runs on
 */
public record AddonView(String name, String type, String plan, String state, String node, String owner,
                        Instant createdAt, List<Attachment> attachments) {

    /** One app it is attached to, under {@code var} (e.g. DATABASE_URL). */
    public record Attachment(String app, String var) {
    }
}
