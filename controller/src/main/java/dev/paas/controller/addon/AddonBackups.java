package dev.paas.controller.addon;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import com.github.dockerjava.api.DockerClient;
import dev.paas.api.BackupSchedule;
import dev.paas.api.BackupView;
import dev.paas.api.RestoreResult;
import dev.paas.controller.cluster.ClusterId;
import dev.paas.controller.node.Node;
import dev.paas.controller.node.NodeRepository;
import dev.paas.controller.user.User;
import dev.paas.controller.web.ApiException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * addons:backups:capture, list, restore, download, schedule. A dump is taken from the running service with
 * {@code docker exec} when it runs on the controller's Docker engine, else by a client container connecting to its
 * node ({@link RemoteClient}; {@link BackupRules#route} decides), and stored by {@link BackupFiles}; a backup that
 * fails is kept as failed with its reason.
 */
@Service
public class AddonBackups {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(AddonBackups.class);

    private final AddonService addons;
    private final AddonRepository addonRows;
    private final BackupRepository backups;
    private final BackupFiles files;
    private final ServiceExec exec;
    private final RemoteClient remote;
    private final NodeRepository nodes;
    private final ClusterId controller;
    private final TransactionTemplate tx;
    private final Duration timeout;

    AddonBackups(AddonService addons, AddonRepository addonRows, BackupRepository backups, BackupFiles files,
                 DockerClient buildDocker, TransactionTemplate tx, NodeRepository nodes,
                 ClusterId controller,
                 @Value("${paas.addons.backup-timeout:30m}") Duration timeout) {
        this.addons = addons;
        this.addonRows = addonRows;
        this.backups = backups;
        this.files = files;
        this.exec = new ServiceExec(buildDocker);
        this.remote = new RemoteClient(buildDocker);
        this.nodes = nodes;
        this.controller = controller;
        this.tx = tx;
        this.timeout = timeout;
    }

    public BackupView capture(String name, User user) {
        return capture(addons.find(name, user), user.getUsername(), false);
    }

    /** Takes a dump now; the answer is the backup as it ended (succeeded, or failed with its reason). */
    BackupView capture(Addon addon, String madeBy, boolean scheduled) {
        Backup backup = tx.execute(status -> backups.save(new Backup(addon, madeBy, scheduled,
                controller.value())));
        try {
            BackupRules.Route route = route(addon);
            long size = files.write(backup.getId(), out -> {
                if (route.local()) {
                    exec.run(route.container(), addon.type().dumpCommand(addon.credentials()), out, timeout);
                } else {
                    remote.dump(addon.type().image(), RemoteClient.dump(addon.type(), addon.credentials(),
                            route.host(), route.port()), out, timeout);
                }
            });
            backup.succeeded(size);
        } catch (IOException | RuntimeException e) {
            log.warn("backup {} of {} failed: {}", backup.getId(), addon.getName(), e.getMessage());
            backup.failed(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
        Backup saved = tx.execute(status -> backups.save(backup));
        return view(saved, addon);
    }

    /** Where the add-on's dump is taken: its container here, or its node's address and its own port. */
    private BackupRules.Route route(Addon addon) {
        String address = addon.getNodeId() == null ? null
                : nodes.findById(addon.getNodeId()).map(Node::getAddress).orElse(null);
        return BackupRules.route(addon.getName(), exec.runningContainer(addon), addon.published(),
                addon.servicePort(), address);
    }

    List<BackupView> list(String name, User user) {
        Addon addon = addons.find(name, user);
        return backups.findByAddonIdOrderByIdDesc(addon.getId()).stream().map(b -> view(b, addon)).toList();
    }

    /** Replaces the add-on's data with the backup's; refused whole (nothing touched) for a backup it cannot take. */
    RestoreResult restore(String name, long id, User user) {
        Addon addon = addons.find(name, user);
        Backup backup = backupFor(id, user);
        Optional<String> refused = BackupRules.refuseRestore(backup, addon);
        if (refused.isPresent()) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, refused.get());
        }
        long started = System.nanoTime();
        try {
            Path dump = files.existing(id);
            BackupRules.Route route = route(addon);
            String fileName = "paas-restore-" + id + ".dump";
            if (!route.local()) {
                RemoteClient.Command command = RemoteClient.restore(addon.type(), addon.credentials(), route.host(),
                        route.port(), RemoteClient.DIR + "/" + fileName);
                try (InputStream in = Files.newInputStream(dump)) {
                    remote.restore(addon.type().image(), command, fileName, in, Files.size(dump), timeout);
                }
                return new RestoreResult(name, id, (System.nanoTime() - started) / 1e9);
            }
            String container = route.container();
            String inside = addon.type().restoreDir() + "/" + fileName;
            try (InputStream in = Files.newInputStream(dump)) {
                exec.copyIn(container, addon.type().restoreDir(), fileName, in, Files.size(dump));
            }
            try {
                exec.run(container, addon.type().restoreCommand(addon.credentials(), inside),
                        java.io.OutputStream.nullOutputStream(), timeout);
            } finally {
                exec.run(container, List.of("rm", "-f", inside), java.io.OutputStream.nullOutputStream(),
                        Duration.ofSeconds(30));
            }
        } catch (IOException | ServiceExec.ExecFailed e) {
            throw new ApiException(HttpStatus.CONFLICT, "Restoring backup " + id + " into " + name + " failed: "
                    + e.getMessage());
        }
        return new RestoreResult(name, id, (System.nanoTime() - started) / 1e9);
    }

    /** The dump of a succeeded backup of this add-on, for download. */
    Path download(String name, long id, User user) {
        Addon addon = addons.find(name, user);
        Backup backup = backupFor(id, user);
        if (!backup.getAddonId().equals(addon.getId()) || !Backup.SUCCEEDED.equals(backup.getStatus())) {
            throw ApiException.notFound("Backup " + id + " of " + name + " not found or not succeeded: 'paas"
                    + " addons:backups " + name + "' lists them.");
        }
        try {
            return files.existing(id);
        } catch (IOException e) {
            throw ApiException.notFound(e.getMessage());
        }
    }

    BackupSchedule schedule(String name, BackupSchedule wanted, User user) {
        Addon addon = addons.find(name, user);
        String at = BackupRules.time(wanted.at()).orElseThrow(() -> new ApiException(
                HttpStatus.UNPROCESSABLE_ENTITY, "Time '" + wanted.at() + "' is invalid: give HH:MM (24 h, UTC),"
                + " e.g. --at 02:00."));
        int keep = wanted.keep() == null ? 7 : wanted.keep();
        if (!BackupRules.validKeep(keep)) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "--keep " + keep + " is invalid: keep 1 to "
                    + BackupRules.KEEP_MAX + " scheduled backups.");
        }
        tx.executeWithoutResult(status -> addonRows.findById(addon.getId()).orElseThrow().schedule(at, keep));
        return new BackupSchedule(at, keep);
    }

    /** A backup the user may read: one of an add-on they may use (404 otherwise, as for one that does not exist). */
    private Backup backupFor(long id, User user) {
        Backup backup = backups.findById(id).orElseThrow(() -> ApiException.notFound("Backup " + id
                + " not found."));
        Addon owner = addonRows.findById(backup.getAddonId()).orElseThrow();
        if (owner.isDestroyed()) {
            throw ApiException.notFound("Backup " + id + " not found.");
        }
        addons.find(owner.getName(), user);
        return backup;
    }

    /** Drops the files and rows of scheduled backups beyond the add-on's retention. */
    void prune(Addon addon) {
        if (addon.getBackupKeep() == null) {
            return;
        }
        for (Backup old : BackupRules.beyondRetention(backups.findByAddonIdOrderByIdDesc(addon.getId()),
                addon.getBackupKeep())) {
            deleteOne(old);
        }
    }

    /** A destroyed add-on's backups go with it. */
    void deleteAll(Addon addon) {
        backups.findByAddonIdOrderByIdDesc(addon.getId()).forEach(this::deleteOne);
    }

    private void deleteOne(Backup backup) {
        try {
            files.delete(backup.getId());
            tx.executeWithoutResult(status -> backups.deleteById(backup.getId()));
        } catch (IOException e) {
            log.warn("could not delete the dump of backup {}: {}", backup.getId(), e.getMessage());
        }
    }

    static BackupView view(Backup b, Addon addon) {
        return new BackupView(b.getId(), addon.getName(), b.getAddonType(), b.getStatus(),
                b.isScheduled() ? "schedule" : b.getMadeBy(), b.getSizeBytes(), b.getFailure(), b.getStartedAt(),
                b.getFinishedAt());
    }
}
