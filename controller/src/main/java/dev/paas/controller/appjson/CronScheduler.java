package dev.paas.controller.appjson;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import dev.paas.controller.event.PlatformEvents;
import dev.paas.controller.release.Release;
import dev.paas.controller.release.ReleaseRepository;
import dev.paas.controller.run.OneOffs;
import dev.paas.controller.cluster.Leadership;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs app.json's cron entries: each tick ({@code paas.cron.tick-ms}, 15 s) reads the entries of every app's
 * current release, asks {@link CronPlan} which are due since the last tick, and starts each as a one-off of that
 * release ({@link OneOffs}), its output in the app's log as {@code cron[name]}. One controller per database runs
 * them (as for the rest of the platform); runs at most {@code paas.cron.max-running} at once, the rest wait in a
 * bounded queue, and one that finds the queue full is dropped with a line in the app's log.
 */
@Service
public class CronScheduler {

    private static final Logger log = LoggerFactory.getLogger(CronScheduler.class);
    private static final int QUEUE = 200;

    /** A run in progress: what {@code replace} stops. */
    private record Running(String containerId) {
    }

    private final JdbcTemplate jdbc;
    private final ReleaseRepository releases;
    private final OneOffs oneOffs;
    private final PlatformEvents events;
    private final TransactionTemplate tx;
    private final boolean enabled;
    private final Leadership leadership;
    private final ThreadPoolExecutor runs;
    /** App id and entry name ("12/report") to its runs in progress, by a key of each run. */
    private final Map<String, Map<Long, Running>> running = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicLong runIds = new java.util.concurrent.atomic.AtomicLong();
    private Instant lastTick = Instant.now();

    CronScheduler(JdbcTemplate jdbc, ReleaseRepository releases, OneOffs oneOffs, PlatformEvents events,
                  TransactionTemplate tx, @Value("${paas.cron.enabled:true}") boolean enabled, Leadership leadership,
                  @Value("${paas.cron.max-running:4}") int maxRunning) {
        this.jdbc = jdbc;
        this.releases = releases;
        this.oneOffs = oneOffs;
        this.events = events;
        this.tx = tx;
        this.enabled = enabled;
        this.leadership = leadership;
        this.runs = new ThreadPoolExecutor(maxRunning, maxRunning, 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(QUEUE), task -> {
                    Thread thread = new Thread(task, "cron");
                    thread.setDaemon(true);
                    return thread;
                });
    }

    /** An app with cron entries in its current release. */
    record AppEntries(Long appId, String app, List<AppJson.CronEntry> entries) {
    }

    @Scheduled(fixedDelayString = "${paas.cron.tick-ms:15000}", initialDelayString = "${paas.cron.tick-ms:15000}")
    public synchronized void tick() {
        Instant now = Instant.now();
        Instant from = lastTick;
        lastTick = now;
        if (!enabled || !leadership.isLeader()) {
            // Only the leader runs entries; a standby still moves its window, so a takeover runs nothing twice.
            return;
        }
        for (AppEntries app : withEntries()) {
            Set<String> busy = app.entries().stream().map(AppJson.CronEntry::name)
                    .filter(name -> isRunning(app.appId(), name)).collect(Collectors.toSet());
            for (CronPlan.Decision d : CronPlan.decide(app.entries(), from, now, busy)) {
                String process = process(d.entry());
                switch (d.action()) {
                    case SKIP_RUNNING -> events.emit(app.app(), process, null,
                            process + " skipped: its previous run still runs (concurrency_policy forbid)");
                    case REPLACE -> {
                        running.getOrDefault(key(app.appId(), d.entry().name()), Map.of()).values()
                                .forEach(r -> oneOffs.stop(r.containerId()));
                        events.emit(app.app(), process, null, process + ": its previous run was stopped"
                                + " (concurrency_policy replace)");
                        start(app.appId(), app.app(), d.entry(), "schedule");
                    }
                    default -> start(app.appId(), app.app(), d.entry(), "schedule");
                }
            }
        }
    }

    /** The entries of the app's current release (empty without app.json or cron). */
    public List<AppJson.CronEntry> entries(Long appId) {
        List<String> found = jdbc.queryForList("SELECT b.app_json FROM releases r JOIN builds b ON b.id = r.build_id"
                + " WHERE r.app_id = ? AND " + Release.CURRENT_SQL, String.class, appId);
        return found.isEmpty() ? List.of() : entriesOf(found.get(0), appId);
    }

    public boolean isRunning(Long appId, String name) {
        return !running.getOrDefault(key(appId, name), Map.of()).isEmpty();
    }

    /**
     * Starts one run of {@code entry} now, in a one-off of the app's current release; the future completes with its
     * exit code.
     */
    public CompletableFuture<Integer> start(Long appId, String app, AppJson.CronEntry entry, String trigger) {
        CompletableFuture<Integer> done = new CompletableFuture<>();
        String process = process(entry);
        long runId = runIds.incrementAndGet();
        try {
            runs.execute(() -> {
                try {
                    done.complete(run(appId, app, entry, process, runId, trigger));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    done.completeExceptionally(e);
                } catch (RuntimeException e) {
                    log.warn("{} of {} failed to run", process, app, e);
                    events.emit(app, process, null, process + " could not run: " + e.getMessage());
                    done.completeExceptionally(e);
                } finally {
                    Map<Long, Running> mine = running.get(key(appId, entry.name()));
                    if (mine != null) {
                        mine.remove(runId);
                    }
                }
            });
        } catch (RejectedExecutionException e) {
            events.emit(app, process, null, process + " dropped: " + QUEUE + " cron runs are waiting already");
            done.completeExceptionally(e);
        }
        return done;
    }

    private int run(Long appId, String app, AppJson.CronEntry entry, String process, long runId, String trigger)
            throws InterruptedException {
        Optional<Release> release = tx.execute(s -> releases.current(appId));
        if (release == null || release.isEmpty()) {
            throw new IllegalStateException("the app has no release");
        }
        Release current = release.get();
        jdbc.update("INSERT INTO cron_runs (app_id, name, started_at) VALUES (?, ?, now()) ON CONFLICT (app_id, name)"
                + " DO UPDATE SET started_at = now(), finished_at = NULL, exit_code = NULL", appId, entry.name());
        events.emit(app, process, current.getVersion(), "Starting " + process + " (" + trigger + "): " + entry.command());
        int code = oneOffs.run(app, current, process, entry.command(), line -> { }, id ->
                running.computeIfAbsent(key(appId, entry.name()), k -> new ConcurrentHashMap<>())
                        .put(runId, new Running(id)));
        jdbc.update("UPDATE cron_runs SET finished_at = now(), exit_code = ? WHERE app_id = ? AND name = ?",
                code, appId, entry.name());
        events.emit(app, process, current.getVersion(), process + " exited with status " + code);
        return code;
    }

    /** When each entry of the app last started and how its last run ended (null while it runs). */
    public Map<String, Object[]> lastRuns(Long appId) {
        Map<String, Object[]> last = new ConcurrentHashMap<>();
        jdbc.query("SELECT name, started_at, exit_code FROM cron_runs WHERE app_id = ?", rs -> {
            last.put(rs.getString(1), new Object[] {rs.getTimestamp(2).toInstant(), rs.getObject(3, Integer.class)});
        }, appId);
        return last;
    }

    static String process(AppJson.CronEntry entry) {
        return "cron[" + entry.name() + "]";
    }

    private List<AppEntries> withEntries() {
        List<AppEntries> apps = new ArrayList<>();
        jdbc.query("SELECT a.id, a.name, cur.app_json FROM apps a JOIN LATERAL (SELECT b.app_json FROM releases r"
                + " JOIN builds b ON b.id = r.build_id WHERE r.app_id = a.id AND " + Release.CURRENT_SQL
                + ") cur ON cur.app_json IS NOT NULL", rs -> {
            List<AppJson.CronEntry> entries = entriesOf(rs.getString(3), rs.getLong(1));
            if (!entries.isEmpty()) {
                apps.add(new AppEntries(rs.getLong(1), rs.getString(2), entries));
            }
        });
        return apps;
    }

    private static List<AppJson.CronEntry> entriesOf(String text, Long appId) {
        try {
            return AppJsonParser.parse(text).cron();
        } catch (AppJsonException e) {
            // Checked when it was pushed; a file this version reads differently is skipped, not fatal.
            log.warn("The app.json of app {} no longer parses: {}", appId, e.getMessage());
            return List.of();
        }
    }

    private static String key(Long appId, String name) {
        return appId + "/" + name;
    }
}
