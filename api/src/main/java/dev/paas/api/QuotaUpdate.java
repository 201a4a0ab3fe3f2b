package dev.paas.api;

import java.util.List;
import java.util.Map;

/**
 * 'paas quotas:set USER apps=N ...': the limits to set for a user, by name, and those to put back to the platform's
 * default ({@code apps=default}); a limit named in neither keeps its value.
 */
public record QuotaUpdate(Map<String, Integer> limits, List<String> reset) {
}
