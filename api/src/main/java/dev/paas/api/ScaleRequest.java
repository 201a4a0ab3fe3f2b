package dev.paas.api;

import java.util.Map;

/** Process type to number of containers, e.g. {@code {"web": 6, "worker": 2}}; 0 stops a type. */
public record ScaleRequest(Map<String, Integer> counts) {
}
