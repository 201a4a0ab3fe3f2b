package dev.paas.controller.schedule;

import java.time.Instant;

import dev.paas.controller.ChangeFeed;
import dev.paas.controller.cluster.Leadership;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Notices nodes whose heartbeats stopped and has their containers placed elsewhere. The route table is
 * computed from the containers, so the routers drop the lost ones and pick up their replacements as they
 * come up. A node that comes back finds its old containers undesired, and its agent removes them.
 */
@Component
class NodeWatch {

    private static final Logger log = LoggerFactory.getLogger(NodeWatch.class);

    private final Scheduler scheduler;
    private final ChangeFeed feed;
    private final TransactionTemplate tx;
    /** Heartbeats sent while the controller was down were lost, so nobody is judged before a full timeout. */
    private final Instant startedAt = Instant.now();

    private final Leadership leadership;

    NodeWatch(Scheduler scheduler, ChangeFeed feed, TransactionTemplate tx, Leadership leadership) {
        this.leadership = leadership;
        this.scheduler = scheduler;
        this.feed = feed;
        this.tx = tx;
    }

    @Scheduled(fixedDelay = 2000, initialDelay = 2000)
    void check() {
        Instant liveSince = Instant.now().minus(scheduler.nodeTimeout());
        if (liveSince.isBefore(startedAt) || !leadership.isLeader()) {
            return;
        }
        try {
            Integer moved = tx.execute(status -> scheduler.replaceLost(liveSince));
            if (moved != null && moved > 0) {
                log.info("Moved {} containers off nodes silent for more than {}s", moved, scheduler.nodeTimeout().toSeconds());
                feed.bump();
            }
        } catch (Placement.NoCapacityException e) {
            log.warn("Containers of a down node cannot be placed again: {}", e.getMessage());
        } catch (PessimisticLockingFailureException e) {
            log.warn("Containers of a down node wait for a change that holds their app: {}", e.getMessage());
        }
    }
}
