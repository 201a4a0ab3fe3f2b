package dev.paas.api;

import java.util.List;
import java.util.Map;

/**
 * A change to an app's config: {@code set} is merged onto the current config, then the {@code unset} keys
 * are removed. Values may hold any text, {@code =}, spaces and newlines included.
 */
public record ConfigUpdate(Map<String, String> set, List<String> unset) {
}
