package dev.paas.api;

import java.util.Map;

/**
 * The answer to a config change: the app's config now, and the release the change made, or null when the app
 * has no build yet (the config then applies from its first deploy).
 */
public record ConfigChangeResult(Map<String, String> config, ReleaseView release) {
}
