package dev.paas.api;

import java.util.List;

/**
 * Everything one node should run; {@code version} changes whenever the controller's desired state does.
 *
 * @param discarded names of destroyed add-ons whose volume and network the node removes if it has them
 */
public record DesiredState(long version, List<DesiredContainer> containers, List<String> discarded) {

    public DesiredState {
        discarded = discarded == null ? List.of() : List.copyOf(discarded);
    }

    public DesiredState(long version, List<DesiredContainer> containers) {
        this(version, containers, List.of());
    }
}
