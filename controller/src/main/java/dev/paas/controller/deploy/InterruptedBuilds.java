package dev.paas.controller.deploy;

import java.nio.file.Path;
import java.util.List;
import java.util.function.BooleanSupplier;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import dev.paas.controller.PaasProperties;
import dev.paas.controller.cluster.Leadership;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * At start, before the git server takes a push, ends what a controller that stopped mid-build left behind: its
 * builds still {@code building} are failed ("interrupted: the controller stopped", shown by {@code paas builds}), and
 * the build containers that mount this controller's build directory are removed. The directory itself the builder
 * empties when it starts ({@code BuildpackBuilder}). Releases left {@code deploying} need nothing here: the rollout
 * decides them from the database as it always does, and fails one whose containers are not up in time.
 *
 * <p>With several controllers on one database ({@code cluster.Leadership}), builds are failed here only by a controller
 * that finds no other running as it starts (it takes the leader's lock at once): another running controller may be
 * building. While others run, the builds of a controller that died are failed by the leader instead, within about 20 s
 * ({@link OrphanedBuilds}: each build names its controller, and a live controller holds a presence lock); only builds
 * that name no controller (made before Flyway V33) wait for a start alone. The containers it removes are always only
 * its own (they mount its own data directory); a dead controller's build containers stay on its Docker engine until
 * they end or it starts again.
 * Containers are matched by their mounts, not their app label, as another platform may build on the same Docker.
 */
@Component
class InterruptedBuilds implements SmartLifecycle {

    static final String REASON = "interrupted: the controller stopped";
    /** The label the builder gives its buildpack build containers (builder's BuildContainer.APP_LABEL). */
    static final String BUILD_LABEL = "paas.build";

    private static final Logger log = LoggerFactory.getLogger(InterruptedBuilds.class);

    private final JdbcTemplate jdbc;
    private final DockerClient docker;
    private final Path buildsDir;
    private final BooleanSupplier alone;
    private volatile boolean running;

    @Autowired
    InterruptedBuilds(JdbcTemplate jdbc, DockerClient buildDocker, PaasProperties properties, Leadership leadership) {
        this(jdbc, buildDocker, properties.dataDir().resolve("builds"), leadership::tryNow);
    }

    InterruptedBuilds(JdbcTemplate jdbc, DockerClient docker, Path buildsDir) {
        this(jdbc, docker, buildsDir, () -> true);
    }

    /**
     * @param buildsDir where this controller's builder keeps its builds in progress (see {@code BuilderConfig})
     * @param alone     whether no other controller runs on this database (so every {@code building} build is a dead one's)
     */
    InterruptedBuilds(JdbcTemplate jdbc, DockerClient docker, Path buildsDir, BooleanSupplier alone) {
        this.alone = alone;
        this.jdbc = jdbc;
        this.docker = docker;
        this.buildsDir = buildsDir.toAbsolutePath().normalize();
    }

    /** Answers how many builds it failed. */
    int recover() {
        if (!alone.getAsBoolean()) {
            log.info("Another controller runs on this database: builds left building are not failed at this start");
            removeContainers();
            return 0;
        }
        List<Long> failed = jdbc.queryForList("UPDATE builds SET status = 'failed', failure = ?, finished_at = now(),"
                + " log = log || ? WHERE status = 'building' RETURNING id", Long.class, REASON, "\n !     " + REASON);
        if (!failed.isEmpty()) {
            log.warn("Marked {} build{} failed, left building by a controller that stopped: {}", failed.size(),
                    failed.size() == 1 ? "" : "s", failed);
        }
        removeContainers();
        return failed.size();
    }

    private void removeContainers() {
        try {
            for (Container c : docker.listContainersCmd().withShowAll(true).withLabelFilter(List.of(BUILD_LABEL)).exec()) {
                if (c.getMounts() != null && c.getMounts().stream()
                        .anyMatch(m -> m.getSource() != null && Path.of(m.getSource()).startsWith(buildsDir))) {
                    remove(c.getId());
                }
            }
        } catch (RuntimeException e) {
            // Docker may be down now; starting the controller must not fail for this.
            log.warn("Could not look for build containers left under {}: {}", buildsDir, e.toString());
        }
    }

    private void remove(String id) {
        try {
            docker.removeContainerCmd(id).withForce(true).exec();
            log.info("Removed the build container {}, left by a controller that stopped", id);
        } catch (NotFoundException | ConflictException goneOrGoing) {
            // removed meanwhile, or being removed (the builder removes the ones it started ahead)
        }
    }

    @Override
    public void start() {
        recover();
        running = true;
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Before the git server (and the web server) start, so no build of this controller's exists yet. */
    @Override
    public int getPhase() {
        return Integer.MIN_VALUE;
    }
}
