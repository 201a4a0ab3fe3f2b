package dev.paas.controller.schedule;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.paas.controller.ChangeFeed;
import dev.paas.controller.release.Release;
import dev.paas.controller.release.ReleaseRepository;
import dev.paas.controller.route.RouterAcks;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Retires a previous release only when the new one serves: every container of the app's current release is
 * up, and every live router has acknowledged a route table at least as new as the moment that became true
 * (from then on the table points only at the new containers). Then the old containers leave the desired
 * state and their agents remove them, so no request is sent to a container that is going away.
 */
@Component
public class Rollout {

    private final ContainerRepository containers;
    private final ReleaseRepository releases;
    private final RouterAcks routers;
    private final ChangeFeed feed;
    private final TransactionTemplate tx;
    /** Release id to the feed version at which all its containers were first seen up. */
    private final Map<Long, Long> upSince = new HashMap<>();
    private final Set<Long> live = new HashSet<>();

    Rollout(ContainerRepository containers, ReleaseRepository releases, RouterAcks routers, ChangeFeed feed,
            TransactionTemplate tx) {
        this.containers = containers;
        this.releases = releases;
        this.routers = routers;
        this.feed = feed;
        this.tx = tx;
    }

    /** True once the release serves all traffic and nothing older runs. */
    public synchronized boolean isLive(Long releaseId) {
        return live.contains(releaseId);
    }

    @Scheduled(fixedDelay = 1000)
    public synchronized void progress() {
        Boolean retired = tx.execute(status -> {
            boolean any = false;
            Map<Long, List<Container>> byApp = new HashMap<>();
            containers.findAll().forEach(c -> byApp.computeIfAbsent(c.getAppId(), k -> new ArrayList<>()).add(c));
            for (Map.Entry<Long, List<Container>> app : byApp.entrySet()) {
                any |= progress(app.getKey(), app.getValue());
            }
            return any;
        });
        if (Boolean.TRUE.equals(retired)) {
            feed.bump();
        }
    }

    private boolean progress(Long appId, List<Container> appContainers) {
        Release current = releases.findFirstByAppIdOrderByVersionDesc(appId).orElse(null);
        if (current == null || live.contains(current.getId())) {
            return false;
        }
        List<Container> fresh = appContainers.stream().filter(c -> c.getRelease().getId().equals(current.getId())).toList();
        if (!fresh.stream().allMatch(Container::isUp)) {
            return false;
        }
        long since = upSince.computeIfAbsent(current.getId(), id -> feed.version());
        if (!routers.allAcknowledged(since)) {
            return false;
        }
        List<Container> old = appContainers.stream().filter(c -> !c.getRelease().getId().equals(current.getId())).toList();
        containers.deleteAll(old);
        live.add(current.getId());
        upSince.remove(current.getId());
        return !old.isEmpty();
    }
}
