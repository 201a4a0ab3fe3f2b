package dev.paas.controller.cert;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import dev.paas.api.CertRequest;
import dev.paas.api.CertView;
import dev.paas.api.HttpsRequest;
import dev.paas.api.HttpsView;
import dev.paas.api.RouteTable;
import dev.paas.controller.ChangeFeed;
import dev.paas.controller.PaasProperties;
import dev.paas.controller.app.App;
import dev.paas.controller.domain.Domains;
import dev.paas.controller.event.PlatformEvents;
import dev.paas.controller.route.RouterAcks;
import dev.paas.controller.user.User;
import dev.paas.controller.web.ApiException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Adds, lists and removes certificates, and changes an app's HTTPS settings. Every input is checked in full before
 * anything is stored ({@link CertificateCheck}, then the names against the app's domains), so a refused request
 * changes nothing. A change reaches the routers through the route table (a reload, no release, no container
 * touched) and the call answers once every live router serves it, as a domain change does.
 */
@Service
class CertService {

    static final Duration ROUTER_WAIT = Duration.ofSeconds(10);

    private final CertStore store;
    private final Domains domains;
    private final PaasProperties properties;
    private final ChangeFeed feed;
    private final RouterAcks routers;
    private final PlatformEvents events;
    private final Clock clock;

    CertService(CertStore store, Domains domains, PaasProperties properties, ChangeFeed feed, RouterAcks routers,
                PlatformEvents events) {
        this.store = store;
        this.domains = domains;
        this.properties = properties;
        this.feed = feed;
        this.routers = routers;
        this.events = events;
        this.clock = Clock.systemUTC();
    }

    List<CertView> list(App app) {
        RouteTable.Tls tls = tls(app);
        return store.forApp(app.getId()).stream().map(c -> view(app.getName(), c, TlsAssignment.serves(tls, c.fingerprint())))
                .toList();
    }

    CertView add(App app, User user, CertRequest request) throws InterruptedException {
        CertificateCheck.Checked cert = checked(request);
        List<String> custom = custom(app);
        String domain = null;
        List<String> required;
        if (request.domain() != null && !request.domain().isBlank()) {
            domain = normalize(request.domain());
            if (!custom.contains(domain)) {
                throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, domain + " is not a custom domain of "
                        + app.getName() + ": add it first with 'paas domains:add " + domain + "'"
                        + (domain.equals(defaultName(app)) ? " (the default name uses the platform's certificate)" : "")
                        + ".");
            }
            required = List.of(domain);
        } else {
            if (custom.isEmpty()) {
                throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, app.getName() + " has no custom domain yet:"
                        + " add one with 'paas domains:add NAME' first. Its default name " + defaultName(app)
                        + " is served with the platform's certificate.");
            }
            required = custom;
        }
        List<String> uncovered = required.stream().filter(d -> !CertificateCheck.covers(cert.names(), d)).toList();
        if (!uncovered.isEmpty()) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "The certificate is for " + String.join(", ",
                    cert.names()) + ", which does not cover " + String.join(", ", uncovered) + " of " + app.getName()
                    + (domain == null ? ": give one that covers every custom domain, or add it for one domain with"
                    + " --domain NAME." : "."));
        }
        try {
            store.save(app.getId(), domain, cert, "uploaded", user.getUsername());
        } catch (DuplicateKeyException raced) {
            throw ApiException.conflict("Another certificate for " + (domain == null ? app.getName() : domain)
                    + " was added at the same moment: list them with 'paas certs' and try again.");
        }
        events.emit(app.getName(), "api", null, "Certificate for " + String.join(", ", cert.names()) + " (expires "
                + cert.notAfter() + ") added" + (domain == null ? "" : " for " + domain) + " by " + user.getUsername());
        awaitRouters(app.getFormationId(), "The certificate is stored");
        String added = domain;
        return list(app).stream().filter(c -> Objects.equals(c.domain(), added)).findFirst().orElseThrow();
    }

    void remove(App app, User user, String domain) throws InterruptedException {
        String key = domain == null || domain.isBlank() ? null : normalize(domain);
        if (!store.remove(app.getId(), key)) {
            throw ApiException.notFound(app.getName() + " has no certificate " + (key == null ? "of its own"
                    : "for " + key) + ": 'paas certs -a " + app.getName() + "' lists them.");
        }
        events.emit(app.getName(), "api", null, "Certificate " + (key == null ? "" : "for " + key + " ")
                + "removed by " + user.getUsername());
        awaitRouters(app.getFormationId(), "The certificate is removed");
    }

    HttpsView https(App app) {
        CertStore.Https https = store.https(app.getId());
        return new HttpsView(app.getName(), https.redirect(), https.hsts());
    }

    HttpsView setHttps(App app, User user, HttpsRequest request) throws InterruptedException {
        CertStore.Https current = store.https(app.getId());
        CertStore.Https wanted = new CertStore.Https(request.redirect() == null ? current.redirect() : request.redirect(),
                request.hsts() == null ? current.hsts() : request.hsts());
        if (!wanted.equals(current)) {
            store.saveHttps(app.getId(), wanted);
            events.emit(app.getName(), "api", null, "HTTPS settings: redirect " + onOff(wanted.redirect()) + ", HSTS "
                    + onOff(wanted.hsts()) + " by " + user.getUsername());
            awaitRouters(app.getFormationId(), "The setting is stored");
        }
        return new HttpsView(app.getName(), wanted.redirect(), wanted.hsts());
    }

    Optional<CertView> platform() {
        return store.platform().map(c -> view(null, c, List.of()));
    }

    /** The platform's certificate must cover every default name: {@code *.<domain>}. */
    CertView setPlatform(User admin, CertRequest request) throws InterruptedException {
        CertificateCheck.Checked cert = checked(request);
        String wildcard = "*." + properties.domain();
        if (!CertificateCheck.covers(cert.names(), wildcard)) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "The certificate is for " + String.join(", ",
                    cert.names()) + ": the platform's certificate must cover " + wildcard
                    + ", the apps' default names.");
        }
        store.save(null, null, cert, "uploaded", admin.getUsername());
        awaitRouters(null, "The platform's certificate is stored");
        return platform().orElseThrow();
    }

    private CertificateCheck.Checked checked(CertRequest request) {
        if (request == null) {
            throw ApiException.badRequest("Give the certificate and its private key.");
        }
        try {
            return CertificateCheck.check(request.certificate(), request.privateKey(), clock.instant());
        } catch (CertificateCheck.Problem problem) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, problem.getMessage());
        }
    }

    private RouteTable.Tls tls(App app) {
        CertRouting.Snapshot snapshot = new CertRouting.Snapshot(store.platformFingerprint().orElse(null),
                Map.of(app.getId(), store.all().getOrDefault(app.getId(), List.of())),
                Map.of(app.getId(), store.https(app.getId())), Map.of());
        return snapshot.tls(app.getId(), defaultName(app), custom(app));
    }

    private List<String> custom(App app) {
        return domains.forApp(app.getId()).stream().map(Domains.Domain::hostname).toList();
    }

    private String defaultName(App app) {
        return app.getName() + "." + properties.domain();
    }

    private static String normalize(String domain) {
        String d = domain.trim().toLowerCase(Locale.ROOT);
        return d.endsWith(".") ? d.substring(0, d.length() - 1) : d;
    }

    private static String onOff(boolean on) {
        return on ? "on" : "off";
    }

    private static CertView view(String app, CertStore.Stored c, List<String> serves) {
        return new CertView(app, c.domain(), c.names(), c.fingerprint(), c.subject(), c.issuer(), c.notBefore(),
                c.notAfter(), c.chainSubjects(), serves, c.source(), c.addedBy(), c.addedAt());
    }

    private void awaitRouters(Long formationId, String done) throws InterruptedException {
        if (!routers.awaitAcknowledged(feed.bump(), formationId, ROUTER_WAIT)) {
            throw new ApiException(HttpStatus.GATEWAY_TIMEOUT, done + ", but not every router serves the change after "
                    + ROUTER_WAIT.toSeconds() + "s: 'paas nodes' shows the routers; see the router's log.");
        }
    }
}
