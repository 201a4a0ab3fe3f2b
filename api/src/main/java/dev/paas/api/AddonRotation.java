package dev.paas.api;

import java.util.List;

/**
 * The add-on after {@code addons:credentials:rotate}, and the release each attached app got with the new URL.
 *
 * @param apps in attachment order; an app without a build yet has a null release
 */
public record AddonRotation(AddonView addon, List<AppRelease> apps) {

    /** One attached app and its release (null when it has no build yet). */
    public record AppRelease(String app, String var, ReleaseView release) {
    }
}
