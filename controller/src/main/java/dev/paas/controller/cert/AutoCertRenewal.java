package dev.paas.controller.cert;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.paas.api.RouteTable;
import dev.paas.controller.ChangeFeed;
import dev.paas.controller.app.App;
import dev.paas.controller.app.AppRepository;
import dev.paas.controller.cluster.Leadership;
import dev.paas.controller.domain.Domains;
import dev.paas.controller.event.PlatformEvents;
import dev.paas.controller.route.RouterAcks;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Gets and renews the automatic certificates, on the leader only. Every {@code tick} looks at each app that enabled
 * them and asks {@link AutoCertPlan} what to do; the ACME exchanges run one app after another on a thread of their
 * own, so a slow ACME server never holds the controller's scheduler (rollouts, the node watch). An issued certificate
 * is checked like an uploaded one ({@link CertificateCheck}) and stored as the app's own (source {@code acme}): it
 * reaches the routers through the route table, as any certificate does. Failures are stored for {@code paas certs}
 * and written as a line into the app's log.
 */
@Component
class AutoCertRenewal {

    private static final Logger log = LoggerFactory.getLogger(AutoCertRenewal.class);

    private final AutoCertStore store;
    private final CertStore certs;
    private final AppRepository apps;
    private final Domains domains;
    private final AcmeSettings settings;
    private final Leadership leadership;
    private final ChangeFeed feed;
    private final RouterAcks routers;
    private final PlatformEvents events;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "acme-certificates");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicBoolean busy = new AtomicBoolean();

    AutoCertRenewal(AutoCertStore store, CertStore certs, AppRepository apps, Domains domains, AcmeSettings settings,
                    Leadership leadership, ChangeFeed feed, RouterAcks routers, PlatformEvents events) {
        this.store = store;
        this.certs = certs;
        this.apps = apps;
        this.domains = domains;
        this.settings = settings;
        this.leadership = leadership;
        this.feed = feed;
        this.routers = routers;
        this.events = events;
    }

    /** Often, so an enabled app gets its certificate within seconds: a tick with nothing due is one small query. */
    @Scheduled(fixedDelay = 5_000, initialDelay = 5_000)
    void tick() {
        wake();
    }

    /**
     * On the leader, runs a pass now on the worker unless one is running (that one sees the change when it reaches the
     * app). Elsewhere nothing: the leader's next tick does it.
     */
    void wake() {
        if (leadership.isLeader() && settings.configured() && busy.compareAndSet(false, true)) {
            worker.execute(() -> {
                try {
                    pass();
                } catch (RuntimeException e) {
                    log.warn("automatic certificates: pass failed: {}", e.toString());
                } finally {
                    busy.set(false);
                }
            });
        }
    }

    private void pass() {
        Map<Long, List<String>> custom = domains.all();
        for (AutoCertStore.Row row : store.all()) {
            if (!leadership.isLeader() || Thread.currentThread().isInterrupted()) {
                return;
            }
            AutoCertPlan.Decision decision = AutoCertPlan.decide(custom.getOrDefault(row.appId(), List.of()),
                    current(row.appId()), row.attempts(), Instant.now());
            if (decision instanceof AutoCertPlan.Issue issue) {
                apps.findById(row.appId()).ifPresent(app -> issue(app, issue));
            }
        }
    }

    /** The app's own certificate as the plan sees it, or null. */
    AutoCertPlan.Current current(long appId) {
        return certs.forApp(appId).stream().filter(c -> c.domain() == null).findFirst()
                .map(c -> new AutoCertPlan.Current(c.source(), c.names(), c.notAfter())).orElse(null);
    }

    private void issue(App app, AutoCertPlan.Issue issue) {
        String names = String.join(", ", issue.domains());
        log.info("automatic certificates: asking {} for {} of {} ({})", settings.directory(), names, app.getName(),
                issue.reason());
        Instant started = Instant.now();
        try {
            AcmeClient client = new AcmeClient(settings.directory(), settings.caFile());
            String accountKey = store.accountKey(settings.directory(), AcmeClient::newAccountKey);
            AcmeClient.Issued issued = client.issue(accountKey, issue.domains(), challenges(app));
            CertificateCheck.Checked checked = CertificateCheck.check(issued.chainPem(), issued.keyPem(), Instant.now());
            if (store.find(app.getId()).isEmpty()) {
                log.info("automatic certificates: {} disabled them meanwhile; the certificate is dropped", app.getName());
                return;
            }
            certs.save(app.getId(), null, checked, "acme", "acme");
            // "issued" in `paas certs` means served: recorded once the live routers hold the new certificate (or
            // after ROUTER_WAIT), as certs:add returns only then.
            try {
                routers.awaitAcknowledged(feed.bump(), app.getFormationId(), CertService.ROUTER_WAIT);
            } finally {
                store.succeeded(app.getId(), started);
                events.emit(app.getName(), "acme", null, "Certificate for " + names + " issued by " + checked.issuer()
                        + " (expires " + checked.notAfter() + ", " + issue.reason() + ")");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            String error = message(e);
            store.failed(app.getId(), started, error);
            Instant retry = store.find(app.getId()).map(r -> AutoCertPlan.retryAt(r.attempts())).orElse(null);
            log.warn("automatic certificates: {} of {} failed: {}", names, app.getName(), error);
            events.emit(app.getName(), "acme", null, "Automatic certificate for " + names + " failed: " + error
                    + (retry == null ? "" : " (next try at " + retry + ")"));
        }
    }

    /** The app's challenges go into the route table; the ACME server is asked to validate once its routers serve them. */
    private AcmeClient.Challenges challenges(App app) {
        return new AcmeClient.Challenges() {
            @Override
            public void publish(List<RouteTable.AcmeChallenge> challenges) throws IOException, InterruptedException {
                challenges.forEach(c -> store.putChallenge(app.getId(), c.domain(), c.token(), c.keyAuthorization()));
                if (!routers.awaitAcknowledged(feed.bump(), app.getFormationId(), CertService.ROUTER_WAIT)) {
                    throw new IOException("not every router served the challenges after "
                            + CertService.ROUTER_WAIT.toSeconds() + "s ('paas nodes' shows the routers)");
                }
            }

            @Override
            public void withdraw() {
                if (store.removeChallenges(app.getId())) {
                    feed.bump();
                }
            }
        };
    }

    /** What went wrong, for the user: the ACME server's words, or the kind of failure; never a key. */
    static String message(Exception e) {
        String text = e instanceof CertificateCheck.Problem ? "the issued certificate was refused: " + e.getMessage()
                : e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.net.ConnectException || cause instanceof java.net.UnknownHostException
                    || cause instanceof java.net.http.HttpConnectTimeoutException) {
                text = "cannot reach the ACME server (PAAS_ACME_DIRECTORY): " + text;
                break;
            }
            if (cause instanceof javax.net.ssl.SSLException) {
                text = "the ACME server's TLS certificate is not trusted (PAAS_ACME_CA_FILE): " + text;
                break;
            }
        }
        return text.length() > 500 ? text.substring(0, 500) + "..." : text;
    }

    @PreDestroy
    void stop() throws InterruptedException {
        worker.shutdownNow();
        worker.awaitTermination(5, TimeUnit.SECONDS);
    }
}
