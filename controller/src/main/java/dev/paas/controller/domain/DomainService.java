package dev.paas.controller.domain;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.paas.api.DomainView;
import dev.paas.controller.ChangeFeed;
import dev.paas.controller.PaasProperties;
import dev.paas.controller.app.App;
import dev.paas.controller.event.PlatformEvents;
import dev.paas.controller.route.RouterAcks;
import dev.paas.controller.quota.Quotas;
import dev.paas.controller.user.User;
import dev.paas.controller.web.ApiException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * An app's domains: its default {@code <app>.<domain>} and the custom ones users add. A change reaches the routers
 * through the route table (a reload of nginx, no new release, no container touched); adding and removing answer
 * once every live router serves it; after {@link #ROUTER_WAIT} the change stays stored and the call fails saying so.
 */
@Service
public class DomainService {

    static final Duration ROUTER_WAIT = Duration.ofSeconds(10);

    private final Domains domains;
    private final PaasProperties properties;
    private final ChangeFeed feed;
    private final RouterAcks routers;
    private final PlatformEvents events;
    private final Quotas quotas;
    private final TransactionTemplate tx;

    DomainService(Domains domains, PaasProperties properties, ChangeFeed feed, RouterAcks routers,
                  PlatformEvents events, Quotas quotas, TransactionTemplate tx) {
        this.quotas = quotas;
        this.tx = tx;
        this.domains = domains;
        this.properties = properties;
        this.feed = feed;
        this.routers = routers;
        this.events = events;
    }

    /** The default domain first, then the custom ones by name. */
    public List<DomainView> list(App app) {
        List<DomainView> all = new ArrayList<>();
        all.add(new DomainView(defaultDomain(app), DomainView.DEFAULT, app.getCreatedAt()));
        domains.forApp(app.getId()).forEach(d -> all.add(new DomainView(d.hostname(), DomainView.CUSTOM, d.createdAt())));
        return all;
    }

    public DomainView add(App app, String hostname, User user) throws InterruptedException {
        DomainNames.Checked checked = DomainNames.check(hostname, properties.domain());
        if (!checked.ok()) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, checked.problem());
        }
        String name = checked.hostname();
        refuseTaken(app, name);
        Domains.Domain added;
        try {
            // The count and the insert in one transaction, under the app's lock: concurrent adds take turns.
            added = tx.execute(status -> {
                quotas.checkNewDomain(app, user);
                return domains.add(app.getId(), name, user.getUsername());
            });
        } catch (DuplicateKeyException raced) {
            refuseTaken(app, name);
            throw raced;
        }
        events.emit(app.getName(), "api", null, "Domain " + name + " added by " + user.getUsername());
        awaitRouters(app, name + " is added");
        return new DomainView(added.hostname(), DomainView.CUSTOM, added.createdAt());
    }

    public void remove(App app, String hostname, User user) throws InterruptedException {
        String name;
        try {
            name = DomainNames.normalize(hostname);
        } catch (IllegalArgumentException e) {
            name = hostname;
        }
        if (name.equals(defaultDomain(app))) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, name + " is the default domain of " + app.getName()
                    + " and cannot be removed; only domains added with paas domains:add can.");
        }
        if (!domains.remove(app.getId(), name)) {
            throw ApiException.notFound(name + " is not a domain of " + app.getName()
                    + ": 'paas domains -a " + app.getName() + "' lists them.");
        }
        events.emit(app.getName(), "api", null, "Domain " + name + " removed by " + user.getUsername());
        awaitRouters(app, name + " is removed");
    }

    private void refuseTaken(App app, String name) {
        domains.owner(name).ifPresent(owner -> {
            throw ApiException.conflict(owner.equals(app.getName())
                    ? name + " is already a domain of " + owner + "."
                    : name + " is already used by app " + owner + ": remove it there first (paas domains:remove "
                            + name + " -a " + owner + ").");
        });
    }

    private String defaultDomain(App app) {
        return app.getName() + "." + properties.domain();
    }

    /** The change is stored either way; a router that has not caught up in time is an error the user should see. */
    private void awaitRouters(App app, String done) throws InterruptedException {
        if (!routers.awaitAcknowledged(feed.bump(), app.getFormationId(), ROUTER_WAIT)) {
            throw new ApiException(HttpStatus.GATEWAY_TIMEOUT, done + ", but not every router serves the change after "
                    + ROUTER_WAIT.toSeconds() + "s: 'paas nodes' shows the routers; see the router's log.");
        }
    }
}
