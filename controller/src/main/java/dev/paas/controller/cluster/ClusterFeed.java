package dev.paas.controller.cluster;

import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import dev.paas.controller.ChangeFeed;
import dev.paas.controller.log.LogFeedRelay;
import dev.paas.controller.node.NodeCredentials;
import dev.paas.controller.route.RouterAcks;
import dev.paas.controller.schedule.Rollout;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Bridges what each controller keeps in memory to the others, over PostgreSQL's LISTEN/NOTIFY on {@link #CHANNEL}:
 * its change-feed bumps (so a change written through one controller wakes the long polls held on every other: node
 * agents' desired state, routers' tables, and through {@link ChangeFeed#merge} anything blocked in
 * {@link ChangeFeed#awaitChange}), routers' polls and acknowledgements (so the leader's rollout knows every router,
 * whichever controller it polls), and stored log lines (so {@code paas logs -f} on one controller wakes for lines
 * another stored; followers read them from the database).
 *
 * <p>Feed versions stay each controller's own number, kept in step the Lamport way: a controller that hears another's
 * bump moves past both ({@link ChangeFeed#merge}), so a version a router acknowledges to one controller is never
 * below a change it has already seen from another. Sending is one thread that coalesces bumps (only the newest
 * matters) and sends a batch in one statement; receiving is one thread on a connection of its own. A controller
 * whose listening connection broke wakes its polls once it is back (it may have missed a change). The leader also
 * runs a rollout pass soon after another controller's bump or a router's acknowledgement, as it does for its own.
 */
@Component
public class ClusterFeed implements SmartLifecycle, ChangeFeed.Listener {

    static final String CHANNEL = "paas_cluster";

    private static final Logger log = LoggerFactory.getLogger(ClusterFeed.class);

    private final ChangeFeed feed;
    private final RouterAcks acks;
    private final LogFeedRelay logs;
    private final NodeCredentials credentials;
    private final Leadership leadership;
    private final Rollout rollout;
    private final JdbcTemplate jdbc;
    private final DataSourceProperties database;
    private final boolean enabled;
    private final String id;

    /** Set while this controller applies another's bump, so the bump is not sent back. */
    private final ThreadLocal<Boolean> merging = ThreadLocal.withInitial(() -> false);
    private final AtomicLong pendingBump = new AtomicLong(Long.MIN_VALUE);
    private final LinkedBlockingQueue<ClusterMessage> outbox = new LinkedBlockingQueue<>(100_000);
    private volatile boolean running;
    private Thread sender;
    private Thread receiver;

    ClusterFeed(ChangeFeed feed, RouterAcks acks, LogFeedRelay logs, NodeCredentials credentials, Leadership leadership,
                Rollout rollout, JdbcTemplate jdbc, DataSourceProperties database, @Value("${paas.cluster.enabled:true}") boolean enabled,
                ClusterId id) {
        this.feed = feed;
        this.acks = acks;
        this.logs = logs;
        this.credentials = credentials;
        this.leadership = leadership;
        this.rollout = rollout;
        this.jdbc = jdbc;
        this.database = database;
        this.enabled = enabled;
        this.id = id.value();
    }

    @Override
    public void changed(long version) {
        if (running && !merging.get()) {
            pendingBump.accumulateAndGet(version, Math::max);
            wakeSender();
        }
    }

    @Override
    public void closing() {
        // nothing held here: the long polls are LongPolls'
    }

    private void send(ClusterMessage message) {
        if (running && !outbox.offer(message)) {
            log.warn("cluster outbox full: dropped {}", message);
        }
    }

    private void wakeSender() {
        // A marker only wakes the sender, which then sends pendingBump (the newest version) once.
        if (outbox.isEmpty()) {
            outbox.offer(new ClusterMessage.Bump(id, Long.MIN_VALUE));
        }
    }

    /** Takes what the sender thread should send now: queued messages, and the newest bump once. */
    private List<String> drain() throws InterruptedException {
        List<ClusterMessage> taken = new ArrayList<>();
        ClusterMessage first = outbox.poll(1, TimeUnit.SECONDS);
        if (first != null) {
            taken.add(first);
            outbox.drainTo(taken, 1_000);
        }
        List<String> payloads = new ArrayList<>();
        long bump = pendingBump.getAndSet(Long.MIN_VALUE);
        if (bump != Long.MIN_VALUE) {
            payloads.add(ClusterMessage.format(new ClusterMessage.Bump(id, bump)));
        }
        for (ClusterMessage m : taken) {
            if (!(m instanceof ClusterMessage.Bump)) {
                payloads.add(ClusterMessage.format(m));
            }
        }
        return payloads;
    }

    private void sendLoop() {
        while (running) {
            List<String> payloads;
            try {
                payloads = drain();
            } catch (InterruptedException e) {
                return;
            }
            if (payloads.isEmpty()) {
                continue;
            }
            try {
                jdbc.execute((Connection c) -> {
                    try (PreparedStatement ps = c.prepareStatement("SELECT pg_notify('" + CHANNEL + "', p) FROM unnest(?) p")) {
                        Array array = c.createArrayOf("text", payloads.toArray());
                        ps.setArray(1, array);
                        ps.execute();
                    }
                    return null;
                });
            } catch (RuntimeException e) {
                // PostgreSQL away: the other controllers miss these; the next bump carries a newer version anyway,
                // and routers acknowledge again at the next change.
                log.warn("could not tell the other controllers ({} messages): {}", payloads.size(), e.getMessage());
                sleep(1000);
            }
        }
    }

    private void receiveLoop() {
        Connection connection = null;
        while (running) {
            try {
                if (connection == null) {
                    connection = listen();
                    // Something may have changed while this controller was not listening: wake its polls, and
                    // believe no node credential kept from before (a revocation's message may have been missed).
                    applyRemoteBump(feed.version());
                    credentials.forgetHere();
                }
                PGNotification[] notifications = connection.unwrap(PGConnection.class).getNotifications(1000);
                if (notifications != null) {
                    for (PGNotification n : notifications) {
                        ClusterMessage.parse(n.getParameter()).filter(m -> !m.origin().equals(id)).ifPresent(this::apply);
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (!running) {
                    return;
                }
                log.warn("cluster listener lost its connection, listening again in 1s: {}", e.getMessage());
                close(connection);
                connection = null;
                sleep(1000);
            }
        }
        close(connection);
    }

    private Connection listen() throws SQLException {
        Properties props = new Properties();
        if (database.determineUsername() != null) {
            props.setProperty("user", database.determineUsername());
        }
        if (database.determinePassword() != null) {
            props.setProperty("password", database.determinePassword());
        }
        props.setProperty("connectTimeout", "5");
        props.setProperty("tcpKeepAlive", "true");
        props.setProperty("ApplicationName", "paas-controller cluster feed " + id);
        Connection connection = DriverManager.getConnection(database.determineUrl(), props);
        try (Statement statement = connection.createStatement()) {
            statement.execute("LISTEN " + CHANNEL);
        }
        return connection;
    }

    void apply(ClusterMessage message) {
        if (message instanceof ClusterMessage.Bump bump) {
            applyRemoteBump(bump.version());
            if (leadership.isLeader()) {
                rollout.progressSoon();
            }
        } else if (message instanceof ClusterMessage.Polled polled) {
            acks.heardPolled(polled.router(), polled.formationId());
        } else if (message instanceof ClusterMessage.Acknowledged ack) {
            acks.heardAcknowledged(ack.router(), ack.version(), ack.formationId());
            if (leadership.isLeader()) {
                rollout.progressSoon();
            }
        } else if (message instanceof ClusterMessage.Logged logged) {
            logs.remoteAppended(logged.apps());
        } else if (message instanceof ClusterMessage.Forgot) {
            credentials.forgetHere();
        }
    }

    private void applyRemoteBump(long version) {
        merging.set(true);
        try {
            feed.merge(version);
        } finally {
            merging.set(false);
        }
    }

    @Override
    public void start() {
        if (!enabled) {
            return;
        }
        running = true;
        feed.listen(this);
        acks.relayTo(new RouterAcks.Relay() {
            @Override
            public void polled(String router, Long formationId) {
                if (ClusterMessage.carries(router)) {
                    send(new ClusterMessage.Polled(id, router, formationId));
                }
            }

            @Override
            public void acknowledged(String router, long version, Long formationId) {
                if (ClusterMessage.carries(router)) {
                    send(new ClusterMessage.Acknowledged(id, router, formationId, version));
                }
            }
        });
        logs.relayTo(apps -> LogChunks.of(apps).forEach(chunk -> send(new ClusterMessage.Logged(id, chunk))));
        credentials.relayTo(() -> send(new ClusterMessage.Forgot(id)));
        receiver = thread("cluster-listen", this::receiveLoop);
        sender = thread("cluster-notify", this::sendLoop);
        // Tell the others this controller's number: each moves past it, so versions agree from the first poll on.
        changed(feed.version());
    }

    private static Thread thread(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    @Override
    public void stop() {
        running = false;
        for (Thread t : new Thread[] {sender, receiver}) {
            if (t != null) {
                t.interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** After the leader election, before the web server: the first poll it answers already has the others' number. */
    @Override
    public int getPhase() {
        return Integer.MIN_VALUE + 2000;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void close(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // gone either way
            }
        }
    }
}
