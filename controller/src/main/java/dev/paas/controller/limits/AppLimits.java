package dev.paas.controller.limits;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import dev.paas.api.LimitsUpdate;
import dev.paas.api.LimitsView;
import dev.paas.controller.app.App;
import dev.paas.controller.change.LockedApp;
import dev.paas.controller.event.PlatformEvents;
import dev.paas.controller.node.Node;
import dev.paas.controller.node.NodeRepository;
import dev.paas.controller.release.Release;
import dev.paas.controller.scale.ProcessRestart;
import dev.paas.controller.schedule.Scheduler;
import dev.paas.controller.web.ApiException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * {@code paas limits}, {@code limits:set} and {@code limits:unset}: an app's memory and CPU per process type. A
 * change is written through the one change path together with a restart of each type it changes
 * ({@link ProcessRestart#restartAfter}: replacements with the new limits, each original stops once its replacement
 * is up, so web keeps serving); if the replacements do not come up, the old limits come back.
 */
@Service
public class AppLimits {

    private final FormationLimitStore store;
    private final ProcessRestart restarts;
    private final NodeRepository nodes;
    private final Scheduler scheduler;
    private final PlatformEvents events;

    AppLimits(FormationLimitStore store, ProcessRestart restarts, NodeRepository nodes, Scheduler scheduler,
              PlatformEvents events) {
        this.store = store;
        this.restarts = restarts;
        this.nodes = nodes;
        this.scheduler = scheduler;
        this.events = events;
    }

    /** The types of the current release, of the structure and those with limits of their own, with what each gets. */
    public LimitsView view(App app, Release current) {
        FormationSettings formation = store.of(app.getFormationId());
        Set<String> types = new TreeSet<>(app.getStructure().keySet());
        if (current != null) {
            types.addAll(current.getBuild().getProcessTypes().keySet());
        }
        types.remove("release");
        types.addAll(app.getMemoryLimits().keySet());
        types.addAll(app.getCpuLimits().keySet());
        List<LimitsView.ProcessLimit> limits = new ArrayList<>();
        for (String type : types) {
            ProcessLimits given = store.limits(app, type, formation);
            boolean own = app.getMemoryLimits().containsKey(type) || app.getCpuLimits().containsKey(type);
            limits.add(new LimitsView.ProcessLimit(type, given.memoryMb(), given.cpuMillis(), own ? "app" : "default"));
        }
        return new LimitsView(app.getName(), formation.name(), limits);
    }

    /** Sets and unsets, then answers once the changed types run with their new limits. */
    public void change(App app, LimitsUpdate update, String by) throws InterruptedException {
        Map<String, Integer> memory = new LinkedHashMap<>();
        Map<String, Integer> cpu = new LinkedHashMap<>();
        List<String> unset = update.unset() == null ? List.of() : update.unset();
        try {
            if (update.memory() != null) {
                update.memory().forEach((type, size) -> {
                    LimitRules.checkType(type);
                    memory.put(type, LimitRules.memoryMb(type, size));
                });
            }
            if (update.cpu() != null) {
                update.cpu().forEach((type, cpus) -> {
                    LimitRules.checkType(type);
                    cpu.put(type, LimitRules.cpuMillis(type, cpus));
                });
            }
            unset.forEach(LimitRules::checkType);
        } catch (LimitRules.LimitException e) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, e.getMessage());
        }
        if (memory.isEmpty() && cpu.isEmpty() && unset.isEmpty()) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "Nothing to change: give TYPE=SIZE, e.g. web=512M,"
                    + " or --cpu TYPE=CPUS, e.g. web=0.5.");
        }
        long started = System.nanoTime();
        Map<String, Integer> oldMemory = new LinkedHashMap<>();
        Map<String, Integer> oldCpu = new LinkedHashMap<>();
        List<String> changed = new ArrayList<>();
        restarts.restartAfter(app, locked -> {
            App locked0 = locked.app();
            oldMemory.putAll(locked0.getMemoryLimits());
            oldCpu.putAll(locked0.getCpuLimits());
            FormationSettings formation = store.of(locked0.getFormationId());
            check(locked0, formation, memory, cpu);
            Map<String, Integer> newMemory = new LinkedHashMap<>(oldMemory);
            Map<String, Integer> newCpu = new LinkedHashMap<>(oldCpu);
            unset.forEach(type -> {
                if (!newMemory.containsKey(type) && !newCpu.containsKey(type)) {
                    throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "No limits set for " + type + " of "
                            + locked0.getName() + ": 'paas limits' lists them.");
                }
                newMemory.remove(type);
                newCpu.remove(type);
            });
            newMemory.putAll(memory);
            newCpu.putAll(cpu);
            Map<String, ProcessLimits> before = effective(locked0, formation);
            locked0.setLimits(newMemory, newCpu);
            Map<String, ProcessLimits> after = effective(locked0, formation);
            changed.addAll(typesChanged(before, after, locked));
            return changed;
        }, locked -> locked.app().setLimits(oldMemory, oldCpu));
        events.emit(app.getName(), "api", null, String.format(java.util.Locale.ROOT, "Limits %s by %s%s",
                describe(memory, cpu, unset), by, changed.isEmpty() ? ""
                        : String.format(java.util.Locale.ROOT, ", restarted %s in %.1fs", String.join(", ", changed),
                        (System.nanoTime() - started) / 1e9)));
    }

    /**
     * Inside a change that makes a release (the app's lock held), e.g. app.json's sizes on a push: gives these types
     * the memory, checked as {@code limits:set} checks it; the release's containers are placed with it, so no restart
     * of its own is needed. Throws a 422 (so nothing of the change is written) for a size no node can hold.
     */
    public void setMemoryForRelease(App app, Map<String, Integer> memory) {
        check(app, store.of(app.getFormationId()), memory, Map.of());
        Map<String, Integer> next = new LinkedHashMap<>(app.getMemoryLimits());
        next.putAll(memory);
        app.setLimits(next, app.getCpuLimits());
    }

    private void check(App app, FormationSettings formation, Map<String, Integer> memory, Map<String, Integer> cpu) {
        Instant liveSince = Instant.now().minus(scheduler.nodeTimeout());
        List<Node> live = nodes.findByFormationIdAndLayerOrderByName(app.getFormationId(), "runtime").stream()
                .filter(n -> n.getLastHeartbeat().isAfter(liveSince) && !n.isDrained()).toList();
        int largestMb = live.stream().mapToInt(Node::getCapacityMb).max().orElse(0);
        int largestCpu = live.stream().mapToInt(Node::getCpuMillis).max().orElse(0);
        try {
            LimitRules.check(memory, cpu, formation, largestMb, largestCpu);
        } catch (LimitRules.LimitException e) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, e.getMessage());
        }
    }

    /** Every type the app has or sized, with what it is given. */
    private Map<String, ProcessLimits> effective(App app, FormationSettings formation) {
        Set<String> types = new TreeSet<>(app.getStructure().keySet());
        types.addAll(app.getMemoryLimits().keySet());
        types.addAll(app.getCpuLimits().keySet());
        Map<String, ProcessLimits> given = new LinkedHashMap<>();
        types.forEach(type -> given.put(type, store.limits(app, type, formation)));
        return given;
    }

    /** The types whose limits changed and that have containers running: those restart. */
    private static List<String> typesChanged(Map<String, ProcessLimits> before, Map<String, ProcessLimits> after,
                                             LockedApp locked) {
        List<String> changed = new ArrayList<>();
        Map<String, Integer> structure = locked.app().getStructure();
        after.forEach((type, limits) -> {
            if (!limits.equals(before.get(type)) && structure.getOrDefault(type, 0) > 0) {
                changed.add(type);
            }
        });
        return changed;
    }

    private static String describe(Map<String, Integer> memory, Map<String, Integer> cpu, List<String> unset) {
        List<String> parts = new ArrayList<>();
        memory.forEach((type, mb) -> parts.add(type + "=" + mb + "M"));
        cpu.forEach((type, millis) -> parts.add(type + " cpu=" + LimitRules.cpus(millis)));
        unset.forEach(type -> parts.add("unset " + type));
        return String.join(", ", parts);
    }
}
