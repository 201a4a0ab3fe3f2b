package dev.paas.controller.cert;

import java.time.Instant;
import java.util.List;

import dev.paas.api.AutoCertView;
import dev.paas.controller.ChangeFeed;
import dev.paas.controller.access.AppAccess;
import dev.paas.controller.app.App;
import dev.paas.controller.domain.Domains;
import dev.paas.controller.event.PlatformEvents;
import dev.paas.controller.route.RouterAcks;
import dev.paas.controller.user.User;
import dev.paas.controller.web.ApiException;
import dev.paas.controller.web.CurrentUser;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code paas certs:auto:enable}, {@code :disable} and the state {@code paas certs} shows. Whoever may change the app
 * (owner, collaborator, admin) may switch it; others are told the app does not exist. Enabling is refused, changing
 * nothing, when the platform has no ACME directory or the app no custom domain; the certificate itself comes from
 * {@link AutoCertRenewal} within seconds on the leader. Disabling stops renewals and removes the certificate ACME
 * issued (an uploaded one is left alone).
 */
@RestController
class AutoCertController {

    private final AppAccess access;
    private final AutoCertStore store;
    private final AutoCertRenewal renewal;
    private final CertStore certs;
    private final Domains domains;
    private final AcmeSettings settings;
    private final PlatformEvents events;
    private final ChangeFeed feed;
    private final RouterAcks routers;

    AutoCertController(AppAccess access, AutoCertStore store, AutoCertRenewal renewal, CertStore certs, Domains domains,
                       AcmeSettings settings, PlatformEvents events, ChangeFeed feed, RouterAcks routers) {
        this.access = access;
        this.store = store;
        this.renewal = renewal;
        this.certs = certs;
        this.domains = domains;
        this.settings = settings;
        this.events = events;
        this.feed = feed;
        this.routers = routers;
    }

    @GetMapping("/v1/apps/{app}/certs/auto")
    AutoCertView status(@PathVariable String app, HttpServletRequest request) {
        return view(access.find(app, CurrentUser.of(request)));
    }

    @PostMapping("/v1/apps/{app}/certs/auto")
    AutoCertView enable(@PathVariable String app, HttpServletRequest request) {
        User user = CurrentUser.of(request);
        App found = access.find(app, user);
        List<String> custom = custom(found);
        AutoCertPlan.refusal(settings.configured(), found.getName(), custom).ifPresent(refusal -> {
            throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, refusal);
        });
        if (store.enable(found.getId(), user.getUsername())) {
            events.emit(found.getName(), "acme", null, "Automatic certificates enabled for " + String.join(", ", custom)
                    + " by " + user.getUsername());
            renewal.wake();
        }
        return view(found);
    }

    @DeleteMapping("/v1/apps/{app}/certs/auto")
    AutoCertView disable(@PathVariable String app, HttpServletRequest request) throws InterruptedException {
        User user = CurrentUser.of(request);
        App found = access.find(app, user);
        if (!store.disable(found.getId())) {
            throw ApiException.notFound(found.getName() + " does not have automatic certificates: 'paas certs:auto:enable"
                    + " -a " + found.getName() + "' turns them on.");
        }
        boolean removed = certs.forApp(found.getId()).stream()
                .anyMatch(c -> c.domain() == null && "acme".equals(c.source())) && certs.remove(found.getId(), null);
        events.emit(found.getName(), "acme", null, "Automatic certificates disabled by " + user.getUsername()
                + (removed ? "; the certificate they issued is removed" : ""));
        routers.awaitAcknowledged(feed.bump(), found.getFormationId(), CertService.ROUTER_WAIT);
        return view(found);
    }

    private AutoCertView view(App app) {
        List<String> custom = custom(app);
        AutoCertPlan.Current current = renewal.current(app.getId());
        CertStore.Stored issued = certs.forApp(app.getId()).stream()
                .filter(c -> c.domain() == null && "acme".equals(c.source())).findFirst().orElse(null);
        return store.find(app.getId()).map(row -> {
            AutoCertPlan.Decision next = AutoCertPlan.decide(custom, current, row.attempts(), Instant.now());
            return new AutoCertView(app.getName(), true, row.state(), custom,
                    issued == null ? null : issued.issuer(), issued == null ? null : issued.notAfter(),
                    row.lastAttempt(), row.lastError(),
                    next instanceof AutoCertPlan.Issue ? Instant.now() : next.next(), row.enabledBy());
        }).orElse(new AutoCertView(app.getName(), false, null, custom, null, null, null, null, null, null));
    }

    private List<String> custom(App app) {
        return domains.forApp(app.getId()).stream().map(Domains.Domain::hostname).toList();
    }
}
