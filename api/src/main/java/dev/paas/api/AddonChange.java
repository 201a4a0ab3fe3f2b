package dev.paas.api;

/** The add-on after a change, and the release that rolled the change out to the app (null when none was needed). */
public record AddonChange(AddonView addon, ReleaseView release) {
}
