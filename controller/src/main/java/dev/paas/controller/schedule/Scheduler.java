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
import dev.paas.controller.addon.AddonDesired;
import dev.paas.controller.app.App;
import dev.paas.controller.app.AppRepository;
import dev.paas.controller.change.AppLocks;
import dev.paas.controller.limits.FormationLimitStore;
import dev.paas.controller.limits.FormationSettings;
import dev.paas.controller.limits.ProcessLimits;
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
    private final JdbcTemplate jdbc;
    private final AppLocks locks;
    /** What each container of a type is given; a node takes containers up to its capacity times the overcommit. */
    private final FormationLimitStore limits;
    /** Add-on services take memory on their nodes too. */
    private final AddonDesired addons;

    Scheduler(NodeRepository nodes, ContainerRepository containers, AppRepository apps, ChangeFeed feed,
              @Value("${paas.node-timeout:20s}") Duration nodeTimeout, JdbcTemplate jdbc, AppLocks locks,
              FormationLimitStore limits, AddonDesired addons) {
        this.addons = addons;
        this.feed = feed;
        this.locks = locks;
        this.limits = limits;
        this.jdbc = jdbc;
        this.nodes = nodes;
        this.containers = containers;
        this.apps = apps;
        this.nodeTimeout = nodeTimeout;
    }

    public Duration nodeTimeout() {
        return nodeTimeout;
    }

    /** The memory limit of containers placed before limits were stored, and of types nobody sized. */
    public int containerMemoryMb() {
        return limits.platformMemoryMb();
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
        List<Container> lost = containers.findOnNodesSilentSince(liveSince).stream()
                .filter(c -> appIds.contains(c.getAppId()))
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
            // It keeps what it was given: only a change of the app's (limits:set, a restart) changes that.
            ProcessLimits kept = c.limits(containerMemoryMb());
            place(app, c.getRelease(), List.of(new Placement.Slot(c.getProcessType(), c.getIndex(), kept.memoryMb())),
                    type -> kept);
        }
        return lost.size();
    }

    /**
     * How many of these containers are not up ({@link Container#up}'s rule), counted in the database with the ids as
     * one array parameter: a scale's wait asks at every report of its containers, a thousand ids each time.
     */
    public long countNotUp(List<Long> ids) {
        if (ids.isEmpty()) {
            return 0;
        }
        Long count = jdbc.query(con -> {
            java.sql.PreparedStatement statement = con.prepareStatement("SELECT count(*) FROM containers"
                    + " WHERE id = ANY (?) AND NOT (observed_state = 'up' AND host_port IS NOT NULL)");
            statement.setArray(1, con.createArrayOf("bigint", ids.toArray()));
            return statement;
        }, rs -> rs.next() ? rs.getLong(1) : 0L);
        return count == null ? 0 : count;
    }

    /** Runs inside the caller's transaction, so a placement that fails also undoes the release. */
    @Transactional(propagation = Propagation.MANDATORY)
    public List<Container> schedule(App app, Release release) {
        Map<String, Integer> structure = structureFor(app.getStructure(), release.getBuild().getProcessTypes());
        app.setStructure(structure);
        apps.save(app);

        Map<String, ProcessLimits> given = limitsOf(app, structure.keySet());
        List<Placement.Slot> slots = new ArrayList<>();
        structure.forEach((type, count) -> {
            for (int i = 1; i <= count; i++) {
                slots.add(new Placement.Slot(type, i, given.get(type).memoryMb()));
            }
        });
        return place(app, release, slots, given::get);
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
        Map<String, ProcessLimits> given = limitsOf(app, counts.keySet());
        List<Placement.Slot> slots = new ArrayList<>();
        counts.forEach((type, count) -> {
            for (int i = 1; i <= count; i++) {
                int index = i;
                if (existing.stream().noneMatch(c -> c.getProcessType().equals(type) && c.getIndex() == index)) {
                    slots.add(new Placement.Slot(type, i, given.get(type).memoryMb()));
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
        return place(app, release, slots, given::get);
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
        Set<Long> replaced = containers.replacedIds();
        for (Container old : moving) {
            if (replaced.contains(old.getId())) {
                continue;
            }
            App app = apps.findById(old.getAppId()).orElseThrow();
            Map<String, Node> candidates = candidates(app);
            ProcessLimits kept = old.limits(containerMemoryMb());
            FormationSettings formation = limits.of(app.getFormationId());
            Placement.place(List.of(new Placement.Slot(old.getProcessType(), old.getIndex(), kept.memoryMb())),
                    loads(candidates, formation), formation.name()).forEach((slot, target) -> containers.save(
                    new Container(old, candidates.get(target), suffix(), kept)));
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
        FormationSettings formation = limits.of(app.getFormationId());
        // A restart is how new limits reach running containers (limits:set restarts the types it changed).
        ProcessLimits given = limits.limits(app, processType, formation);
        Map<Placement.Slot, Container> bySlot = new LinkedHashMap<>();
        originals.forEach(c -> bySlot.put(new Placement.Slot(c.getProcessType(), c.getIndex(), given.memoryMb()), c));
        Placement.place(List.copyOf(bySlot.keySet()), loads(candidates, formation), formation.name())
                .forEach((slot, target) -> containers.save(new Container(bySlot.get(slot), candidates.get(target),
                        suffix(), given)));
        return originals;
    }

    /** Tells a replacement's name from its original's: hello.v3.web.1-k2x9. */
    private static String suffix() {
        return Long.toString(System.nanoTime() % 1_679_616, 36);
    }

    private Map<String, ProcessLimits> limitsOf(App app, java.util.Collection<String> types) {
        FormationSettings formation = limits.of(app.getFormationId());
        Map<String, ProcessLimits> given = new HashMap<>();
        types.forEach(type -> given.put(type, limits.limits(app, type, formation)));
        return given;
    }

    private List<Container> place(App app, Release release, List<Placement.Slot> slots,
                                  java.util.function.Function<String, ProcessLimits> given) {
        Map<String, Node> candidates = candidates(app);
        FormationSettings formation = limits.of(app.getFormationId());
        List<Container> created = new ArrayList<>();
        Placement.place(slots, loads(candidates, formation), formation.name()).forEach((slot, node) ->
                created.add(containers.save(new Container(app.getName(), release, slot.processType(), slot.index(),
                        candidates.get(node), given.apply(slot.processType())))));
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

    /**
     * Each candidate's containers and the memory their limits (and its add-on services' limits) leave free of what
     * it takes (capacity x overcommit).
     */
    private List<Placement.NodeLoad> loads(Map<String, Node> candidates, FormationSettings formation) {
        Map<String, Integer> count = new HashMap<>();
        Map<String, Integer> reserved = new HashMap<>();
        // counted in the database: a scale of 1,000 containers no longer loads every container with its release
        containers.useByNode(containerMemoryMb()).forEach(use -> {
            count.put(use.getNode(), (int) use.getContainers());
            reserved.put(use.getNode(), (int) Math.min(Integer.MAX_VALUE, use.getMemoryMb()));
        });
        double overcommit = limits.overcommit(formation);
        Map<Long, Integer> services = addons.memoryMbByNode();
        return candidates.values().stream().map(n -> new Placement.NodeLoad(n.getName(),
                count.getOrDefault(n.getName(), 0),
                schedulableMb(n.getCapacityMb(), overcommit) - reserved.getOrDefault(n.getName(), 0)
                        - services.getOrDefault(n.getId(), 0),
                n.getCapacityMb())).toList();
    }

    /** What a node of this capacity takes in memory limits. */
    public static int schedulableMb(int capacityMb, double overcommit) {
        return (int) Math.min(Integer.MAX_VALUE, (long) Math.floor(capacityMb * overcommit));
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
