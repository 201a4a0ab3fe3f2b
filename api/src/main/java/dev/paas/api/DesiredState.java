package dev.paas.api;

import java.util.List;

/** Everything one node should run; {@code version} changes whenever the controller's desired state does. */
public record DesiredState(long version, List<DesiredContainer> containers) {
}
