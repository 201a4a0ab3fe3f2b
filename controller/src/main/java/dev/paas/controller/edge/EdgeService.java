package dev.paas.controller.edge;

import java.time.Duration;
import java.util.function.Function;

import dev.paas.api.EdgeView;
import dev.paas.api.RouteTable.Edge;
import dev.paas.controller.ChangeFeed;
import dev.paas.controller.app.App;
import dev.paas.controller.change.AppChanges;
import dev.paas.controller.event.PlatformEvents;
import dev.paas.controller.route.RouterAcks;
import dev.paas.controller.user.User;
import dev.paas.controller.web.ApiException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Changes an app's edge settings through the app's change path ({@link AppChanges}: under its lock, so they queue
 * with pushes, config changes and destroys), without a release and without touching a container: the change reaches
 * the routers through the route table, and the call answers once every live router serves it. A request that
 * changes nothing answers at once.
 */
@Service
class EdgeService {

    static final Duration ROUTER_WAIT = Duration.ofSeconds(10);

    private final EdgeStore store;
    private final AppChanges changes;
    private final ChangeFeed feed;
    private final RouterAcks routers;
    private final PlatformEvents events;

    EdgeService(EdgeStore store, AppChanges changes, ChangeFeed feed, RouterAcks routers, PlatformEvents events) {
        this.store = store;
        this.changes = changes;
        this.feed = feed;
        this.routers = routers;
        this.events = events;
    }

    EdgeView view(App app) {
        return EdgeRules.view(app.getName(), store.forApp(app.getId()));
    }

    /**
     * @param rule    the new settings from the stored ones, or the reason to refuse
     * @param summary the event line, from the new settings
     */
    EdgeView change(App app, User user, Function<Edge, EdgeRules.Outcome> rule, Function<Edge, String> summary)
            throws InterruptedException {
        Change change = changes.write(app.getId(), app.getName(), locked -> {
            Edge current = store.forApp(app.getId());
            EdgeRules.Outcome outcome = rule.apply(current);
            if (outcome.problem() != null) {
                throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, outcome.problem());
            }
            if (!outcome.edge().equals(current)) {
                store.save(app.getId(), outcome.edge());
            }
            return new Change(current, outcome.edge());
        });
        if (change.after().equals(change.before())) {
            return EdgeRules.view(app.getName(), change.after());
        }
        events.emit(app.getName(), "api", null, summary.apply(change.after()) + " by " + user.getUsername());
        if (!routers.awaitAcknowledged(feed.bump(), app.getFormationId(), ROUTER_WAIT)) {
            throw new ApiException(HttpStatus.GATEWAY_TIMEOUT, "The change is stored, but not every router serves it"
                    + " after " + ROUTER_WAIT.toSeconds() + "s: 'paas nodes' shows the routers; see the router's log.");
        }
        return EdgeRules.view(app.getName(), change.after());
    }

    private record Change(Edge before, Edge after) {
    }
}
