package dev.paas.api;

import java.util.List;

/**
 * The answer once the scaled containers are up (or the wait gave up).
 *
 * @param up false if some new container was not up when the controller stopped waiting
 */
public record ScaleResult(List<Change> changes, boolean up, String problem) {

    /** {@code web 1 -> 6}. */
    public record Change(String processType, int from, int to) {
    }
}
