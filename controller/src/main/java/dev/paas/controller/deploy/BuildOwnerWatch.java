package dev.paas.controller.deploy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Decides which builds still {@code building} a dead controller left: pure, fed by {@link OrphanedBuilds} with the
 * builds and the controllers alive ({@code cluster.Presence}) at each look. A build is failed once its controller has
 * been missing at every look for {@link #GRACE}: a live controller whose lock connection broke takes its lock again
 * within a second or two (a PostgreSQL restart drops every session at once). Looks further apart than
 * {@link #MAX_GAP} (the leader could not read the database, or was not the leader) start the count again: missing
 * before and after is not missing all along. Builds that name no controller (made before Flyway V33, perhaps by an
 * older controller still running) are never failed here. The add-on backups' {@code addon.OrphanedBackups} uses it
 * the same way for backups left {@code running}.
 */
public final class BuildOwnerWatch {

    public static final Duration GRACE = Duration.ofSeconds(10);
    static final Duration MAX_GAP = Duration.ofSeconds(15);

    /** A build still {@code building}, and the id of the controller that runs it (null: unknown). */
    public record Building(long id, String controller) {
    }

    /** Since when (ms) each controller that owns a build has been missing, at every look since. */
    private final Map<String, Long> missingSince = new HashMap<>();
    private Long lastLook;

    /** The ids of the builds to fail now, given those still building and the controllers alive, at {@code nowMillis}. */
    public List<Long> look(List<Building> building, Set<String> live, long nowMillis) {
        if (lastLook != null && nowMillis - lastLook > MAX_GAP.toMillis()) {
            missingSince.clear();
        }
        lastLook = nowMillis;
        Set<String> owners = building.stream().map(Building::controller).filter(c -> c != null)
                .collect(Collectors.toSet());
        missingSince.keySet().removeIf(c -> live.contains(c) || !owners.contains(c));
        List<Long> fail = new ArrayList<>();
        for (Building b : building) {
            if (b.controller() == null || live.contains(b.controller())) {
                continue;
            }
            long since = missingSince.computeIfAbsent(b.controller(), c -> nowMillis);
            if (nowMillis - since >= GRACE.toMillis()) {
                fail.add(b.id());
            }
        }
        return fail;
    }

    /** Forgets what it saw: this controller stopped leading, so its next look may be long after. */
    public void reset() {
        missingSince.clear();
        lastLook = null;
    }
}
