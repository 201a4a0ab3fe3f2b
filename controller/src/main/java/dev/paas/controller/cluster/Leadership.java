package dev.paas.controller.cluster;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Which controller leads: the one holding the session advisory lock {@link #LOCK_KEY}, taken on a JDBC connection of
 * its own (not the pool's, whose connections are shared and recycled). A standby tries the lock every
 * {@link #TICK}; the leader checks every tick that its connection still answers. When the leader's process dies, the
 * kernel closes its socket, PostgreSQL ends the session and releases the lock, and a standby takes it at its next
 * try. A leader whose connection fails steps down at once (another may already lead). Leader-only work asks
 * {@link #isLeader()} at the top of each run; see docs/architecture.md, "More controllers", for which loops do. The
 * same connection holds this controller's {@link Presence} lock, leader or not, taken again whenever it reconnects.
 *
 * <p>{@code paas.cluster.enabled=false} makes this controller lead always without asking PostgreSQL: the controller's
 * integration tests run several independent controllers on one database in one JVM.
 */
@Component
public class Leadership implements SmartLifecycle {

    /** The advisory lock's key: any constant no other part of the platform uses ("paas" in ASCII). */
    static final long LOCK_KEY = 0x70616173L;
    static final Duration TICK = Duration.ofSeconds(1);

    private static final Logger log = LoggerFactory.getLogger(Leadership.class);

    private final DataSourceProperties database;
    private final boolean enabled;
    private final ClusterId id;
    private volatile boolean leader;
    /** Whether {@link #connection} holds this controller's {@link Presence} lock. */
    private boolean present;
    private volatile long leaderSinceNanos;
    private Connection connection;
    private Thread ticker;
    private volatile boolean running;

    Leadership(DataSourceProperties database, @Value("${paas.cluster.enabled:true}") boolean enabled, ClusterId id) {
        this.database = database;
        this.enabled = enabled;
        this.id = id;
        this.leader = !enabled;
    }

    /** True while this controller holds the lock (always, with clustering off). */
    public boolean isLeader() {
        return leader;
    }

    /**
     * Tries once, now, without waiting for the ticker: for work done once at start that only a controller alone may
     * do (failing the builds a stopped controller left). True if this controller leads.
     */
    public synchronized boolean tryNow() {
        if (enabled && !leader) {
            tick();
        }
        return leader;
    }

    private synchronized void tick() {
        LeaderTerm.Seen seen = look();
        LeaderTerm.Step step = LeaderTerm.next(leader, seen);
        leader = step.leader();
        if (step.change() == LeaderTerm.Change.BECAME_LEADER) {
            leaderSinceNanos = System.nanoTime();
            log.info("This controller ({}) is now the leader: it runs rollouts, the node watch, cron and backups", id);
        } else if (step.change() == LeaderTerm.Change.STEPPED_DOWN) {
            log.warn("This controller ({}) is no longer the leader: its lock connection failed", id);
        }
    }

    /** When this controller last became leader (System.nanoTime), for the logs of a takeover. */
    long leaderSinceNanos() {
        return leaderSinceNanos;
    }

    private LeaderTerm.Seen look() {
        try {
            if (connection == null || connection.isClosed()) {
                connection = open();
                present = false;
            }
            if (!present) {
                // Another session may still hold it: this controller's previous connection, not yet ended. Try again.
                present = Presence.take(connection, id);
            }
            try (Statement statement = connection.createStatement()) {
                statement.setQueryTimeout(5);
                if (LeaderTerm.triesLock(leader)) {
                    try (ResultSet rs = statement.executeQuery("SELECT pg_try_advisory_lock(" + LOCK_KEY + ")")) {
                        rs.next();
                        return rs.getBoolean(1) ? LeaderTerm.Seen.LOCK_TAKEN : LeaderTerm.Seen.LOCK_BUSY;
                    }
                }
                statement.execute("SELECT 1");
                return LeaderTerm.Seen.CONNECTION_ALIVE;
            }
        } catch (SQLException e) {
            log.debug("leader lock connection failed: {}", e.getMessage());
            closeQuietly();
            return LeaderTerm.Seen.CONNECTION_LOST;
        }
    }

    private Connection open() throws SQLException {
        Properties props = new Properties();
        if (database.determineUsername() != null) {
            props.setProperty("user", database.determineUsername());
        }
        if (database.determinePassword() != null) {
            props.setProperty("password", database.determinePassword());
        }
        // A leader cut off from PostgreSQL must notice within a few seconds, not after TCP's minutes.
        props.setProperty("connectTimeout", "5");
        props.setProperty("socketTimeout", "10");
        props.setProperty("tcpKeepAlive", "true");
        props.setProperty("ApplicationName", "paas-controller leader lock " + id);
        return DriverManager.getConnection(database.determineUrl(), props);
    }

    private void closeQuietly() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // it is gone either way
            }
            connection = null;
        }
    }

    @Override
    public void start() {
        if (!enabled) {
            running = true;
            return;
        }
        running = true;
        ticker = new Thread(() -> {
            while (running) {
                tick();
                try {
                    Thread.sleep(TICK.toMillis());
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "leader-election");
        ticker.setDaemon(true);
        ticker.start();
    }

    @Override
    public void stop() {
        running = false;
        if (ticker != null) {
            ticker.interrupt();
            try {
                ticker.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (this) {
            // Closing the session releases the lock at once: a standby takes over at its next try, not after a timeout.
            if (enabled) {
                leader = false;
            }
            closeQuietly();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Early: a standby should lead before the web server takes requests, and step down after it stops. */
    @Override
    public int getPhase() {
        return Integer.MIN_VALUE + 1000;
    }
}
