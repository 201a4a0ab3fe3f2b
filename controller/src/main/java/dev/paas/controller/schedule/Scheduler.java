package dev.paas.controller.schedule;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.paas.controller.ChangeFeed;
import dev.paas.controller.app.App;
import dev.paas.controller.app.AppRepository;
import dev.paas.controller.change.AppLocks;
import dev.paas.controller.node.Node;
import dev.paas.controller.node.NodeRepository;
import dev.paas.controller.release.Release;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Turns a new release into desired containers on the app's runtime nodes. The previous release's containers
 * stay until {@link Rollout} sees the new ones serving.
 */
@Service
public class Scheduler {

    private final NodeRepository nodes;
    private final ContainerRepository containers;
    private final AppRepository apps;
    private final ChangeFeed feed;
    /** Nodes silent for longer than this are down: they get no new containers and lose the ones they had. */
    private final Duration nodeTimeout;
    /** Every container's memory limit; a node takes containers up to its declared capacity. */
    private final int containerMemoryMb;
    private final JdbcTemplate jdbc;
    private final AppLocks locks;

    Scheduler(NodeRepository nodes, ContainerRepository containers, AppRepository apps, ChangeFeed feed,
              @Value("${paas.node-timeout:20s}") Duration nodeTimeout,
              @Value("${paas.container-memory-mb:256}") int containerMemoryMb, JdbcTemplate jdbc, AppLocks locks) {
        this.feed = feed;
        this.locks = locks;
        this.containerMemoryMb = containerMemoryMb;
        this.jdbc = jdbc;
        this.nodes = nodes;
        this.containers = containers;
        this.apps = apps;
        this.nodeTimeout = nodeTimeout;
    }

    public Duration nodeTimeout() {
        return nodeTimeout;
    }

    public int containerMemoryMb() {
        return containerMemoryMb;
    }

    /**
     * Moves containers off nodes that went down: each leaves the desired state and the same slot (release,
     * type, index) is placed again on a live node. Answers how many moved. Holds the lock of each app it moves
     * (see {@link AppLocks}), so it reads containers no change or rollout is writing.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public int replaceLost(Instant liveSince) {
        List<Long> appIds = jdbc.queryForList("SELECT DISTINCT c.app_id FROM containers c JOIN nodes n ON n.id = c.node_id"
                + " WHERE n.last_heartbeat <= ?", Long.class, Timestamp.from(liveSince));
        if (appIds.isEmpty()) {
            return 0;
        }
        Set<Long> live = locks.lockAll(appIds);
        // Read after the locks: what the last change or rollout step of each app left.
        List<Container> lost = containers.findAll().stream()
                .filter(c -> appIds.contains(c.getAppId()) && !c.getNode().getLastHeartbeat().isAfter(liveSince))
                .toList();
        containers.deleteAll(lost);
        // The replacements reuse the names: the deletes must reach the database before the inserts.
        containers.flush();
        Map<Long, App> byId = new HashMap<>();
        for (Container c : lost) {
            if (!live.contains(c.getAppId())) {
                continue;  // the app was destroyed: nothing to place again
            }
            App app = byId.computeIfAbsent(c.getAppId(), id -> apps.findById(id).orElseThrow());
            place(app, c.getRelease(), List.of(new Placement.Slot(c.getProcessType(), c.getIndex(), containerMemoryMb)));
        }
        return lost.size();
    }

    /** Runs inside the caller's transaction, so a placement that fails also undoes the release. */
    @Transactional(propagation = Propagation.MANDATORY)
    public List<Container> schedule(App app, Release release) {
        Map<String, Integer> structure = structureFor(app.getStructure(), release.getBuild().getProcessTypes());
        app.setStructure(structure);
        apps.save(app);

        List<Placement.Slot> slots = new ArrayList<>();
        structure.forEach((type, count) -> {
            for (int i = 1; i <= count; i++) {
                slots.add(new Placement.Slot(type, i, containerMemoryMb));
            }
        });
        return place(app, release, slots);
    }

    /**
     * Sets the app's count of each given type and makes the release's containers match: the missing indexes
     * are placed, the ones above the new count leave the desired state. Answers the containers it added.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public List<Container> scale(App app, Release release, Map<String, Integer> counts) {
        Map<String, Integer> structure = new LinkedHashMap<>(app.getStructure());
        structure.putAll(counts);
        app.setStructure(structure);
        apps.save(app);
        List<Container> existing = containers.findByAppIdOrderByName(app.getId()).stream()
                .filter(c -> c.getRelease().getId().equals(release.getId())).toList();
        List<Placement.Slot> slots = new ArrayList<>();
        counts.forEach((type, count) -> {
            for (int i = 1; i <= count; i++) {
                int index = i;
                if (existing.stream().noneMatch(c -> c.getProcessType().equals(type) && c.getIndex() == index)) {
                    slots.add(new Placement.Slot(type, i, containerMemoryMb));
                }
            }
        });
        // Extra containers retire (out of the route table first, stopped once routers agree), so no request
        // reaches one that is stopping; one still retiring that is wanted again simply stays.
        for (Container c : existing) {
            Integer count = counts.get(c.getProcessType());
            if (count != null && c.getIndex() > count) {
                c.retire(feed.version());
            } else if (count != null) {
                c.keep();
            }
        }
        return place(app, release, slots);
    }

    /**
     * Marks the node drained and starts a replacement elsewhere for each of its containers; each original
     * retires once its replacement is up (see {@link Rollout}). Answers how many are moving. Holds the lock of
     * each app it moves, as {@link #replaceLost} does.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public int drain(Node node) {
        node.drain();
        nodes.save(node);
        locks.lockAll(jdbc.queryForList("SELECT DISTINCT app_id FROM containers WHERE node_id = ?", Long.class,
                node.getId()));
        List<Container> moving = containers.findByNodeIdOrderByName(node.getId()).stream()
                .filter(c -> !c.isRetiring()).toList();
        Set<Long> replaced = new HashSet<>();
        containers.findAll().forEach(c -> replaced.add(c.getReplacesId()));
        for (Container old : moving) {
            if (replaced.contains(old.getId())) {
                continue;
            }
            App app = apps.findById(old.getAppId()).orElseThrow();
            Map<String, Node> candidates = candidates(app);
            Placement.place(List.of(new Placement.Slot(old.getProcessType(), old.getIndex(), containerMemoryMb)),
                    loads(candidates), formation(app)).forEach((slot, target) -> containers.save(
                    new Container(old, candidates.get(target), suffix())));
        }
        return moving.size();
    }

    /**
     * Restarts one process type with no downtime, without a new release: a replacement for each of the type's
     * serving containers in the release, placed like any new container; each original retires once its
     * replacement is up (see {@link Rollout}). Answers the originals being replaced.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public List<Container> restart(App app, Release release, String processType) {
        List<Container> appContainers = containers.findByAppIdOrderByName(app.getId());
        Set<Long> replaced = new HashSet<>();
        appContainers.forEach(c -> replaced.add(c.getReplacesId()));
        List<Container> originals = appContainers.stream()
                .filter(c -> c.getRelease().getId().equals(release.getId()) && c.getProcessType().equals(processType)
                        && !c.isRetiring() && !replaced.contains(c.getId()))
                .toList();
        Map<String, Node> candidates = candidates(app);
        Map<Placement.Slot, Container> bySlot = new LinkedHashMap<>();
        originals.forEach(c -> bySlot.put(new Placement.Slot(c.getProcessType(), c.getIndex(), containerMemoryMb), c));
        Placement.place(List.copyOf(bySlot.keySet()), loads(candidates), formation(app)).forEach((slot, target) ->
                containers.save(new Container(bySlot.get(slot), candidates.get(target), suffix())));
        return originals;
    }

    /** Tells a replacement's name from its original's: hello.v3.web.1-k2x9. */
    private static String suffix() {
        return Long.toString(System.nanoTime() % 1_679_616, 36);
    }

    private List<Container> place(App app, Release release, List<Placement.Slot> slots) {
        Map<String, Node> candidates = candidates(app);
        List<Container> created = new ArrayList<>();
        Placement.place(slots, loads(candidates), formation(app)).forEach((slot, node) -> created.add(containers.save(
                new Container(app.getName(), release, slot.processType(), slot.index(), candidates.get(node)))));
        return created;
    }

    /** The app formation's runtime nodes that heartbeat and are not drained, by name. */
    private Map<String, Node> candidates(App app) {
        Map<String, Node> candidates = new LinkedHashMap<>();
        Instant liveSince = Instant.now().minus(nodeTimeout);
        nodes.findByFormationIdAndLayerOrderByName(app.getFormationId(), "runtime").stream()
                .filter(n -> n.getLastHeartbeat().isAfter(liveSince) && !n.isDrained())
                .forEach(n -> candidates.put(n.getName(), n));
        return candidates;
    }

    private List<Placement.NodeLoad> loads(Map<String, Node> candidates) {
        Map<String, Integer> load = new HashMap<>();
        containers.findAll().forEach(c -> load.merge(c.getNode().getName(), 1, Integer::sum));
        return candidates.values().stream().map(n -> new Placement.NodeLoad(n.getName(), load.getOrDefault(n.getName(), 0),
                n.getCapacityMb() - load.getOrDefault(n.getName(), 0) * containerMemoryMb)).toList();
    }

    private String formation(App app) {
        return jdbc.queryForObject("SELECT name FROM formations WHERE id = ?", String.class, app.getFormationId());
    }

    /** Keeps the counts the app already has; a new type starts at 1 for web and 0 for the others. */
    static Map<String, Integer> structureFor(Map<String, Integer> current, Map<String, String> processTypes) {
        Map<String, Integer> structure = new LinkedHashMap<>();
        for (String type : processTypes.keySet()) {
            if (!type.equals("release")) {
                structure.put(type, current.getOrDefault(type, type.equals("web") ? 1 : 0));
            }
        }
        return structure;
    }
}
