package dev.paas.agent.reconcile;

import dev.paas.agent.engine.NodeContainer;
import dev.paas.api.DesiredContainer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The agent's one reconcile function. Containers are matched by platform name; a name carries the release, so a
 * new release or config is a new name and never an in-place change. The observed list holds only this node's
 * platform containers (the engine filters), so anything in it that is not desired is ours to remove.
 */
public final class Reconciler {

    private Reconciler() {
    }

    /** Removals first (they free host ports and memory), then restarts, then creates; each in input order. */
    public static List<Action> plan(List<DesiredContainer> desired, List<NodeContainer> observed) {
        Map<String, DesiredContainer> wanted = new LinkedHashMap<>();
        desired.forEach(d -> wanted.putIfAbsent(d.name(), d));

        List<Action> removes = new ArrayList<>();
        List<Action> restarts = new ArrayList<>();
        Map<String, NodeContainer> present = new HashMap<>();
        for (NodeContainer container : observed) {
            DesiredContainer want = wanted.get(container.name());
            if (want == null || present.containsKey(container.name())) {
                // Undesired, or a second container claiming a name that already has one.
                removes.add(new Action.Remove(container));
                continue;
            }
            present.put(container.name(), container);
            if (!container.running()) {
                restarts.add(new Action.Restart(want, container));
            }
        }
        List<Action> creates = wanted.values().stream()
                .filter(d -> !present.containsKey(d.name()))
                .<Action>map(Action.Create::new)
                .toList();

        List<Action> plan = new ArrayList<>(removes);
        plan.addAll(restarts);
        plan.addAll(creates);
        return List.copyOf(plan);
    }
}
