package dev.paas.api;

import java.util.List;
import java.util.Map;

/**
 * {@code paas limits:set web=512M --cpu web=0.5} and {@code limits:unset web}: sizes as the user typed them, checked
 * by the controller.
 *
 * @param memory type to a size such as {@code 512M} or {@code 1G}
 * @param cpu    type to a number of CPUs such as {@code 0.5}
 * @param unset  types whose limits go back to the defaults
 */
public record LimitsUpdate(Map<String, String> memory, Map<String, String> cpu, List<String> unset) {
}
