package dev.paas.api;

import java.util.List;

/** {@code paas ps:stop web worker} and {@code ps:start}: the process types to pause or bring back. */
public record ProcessTypesRequest(List<String> types) {
}
