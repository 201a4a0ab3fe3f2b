package dev.paas.controller.cluster;

import java.util.Set;

/**
 * Every timed loop of the controller ({@code @Scheduled}), by where it runs when several controllers share a database.
 * Leader-only loops ask {@link Leadership#isLeader()} first; the others serve this controller's own requests or
 * keep its own memory. {@code LoopsTest} fails when a {@code @Scheduled} method is in neither list, so a new loop
 * cannot be added without this decision. The threads that are not {@code @Scheduled} are listed in
 * docs/architecture.md, "More controllers".
 */
public final class Loops {

    /** Decisions that must be single: two controllers running them would race each other. */
    public static final Set<String> LEADER_ONLY = Set.of(
            "schedule.Rollout.progress",
            "schedule.NodeWatch.check",
            "appjson.CronScheduler.tick",
            "addon.BackupScheduler.run",
            "cert.AutoCertRenewal.tick",
            "deploy.OrphanedBuilds.check",
            "addon.OrphanedBackups.check",
            "user.LoginFailuresSweep.sweep");

    /**
     * Loops whose work is this controller's own: {@code Heartbeats.flush} writes the report times of the nodes that
     * reported to this controller (held in its memory; GREATEST keeps two controllers' writes from moving a time back).
     */
    public static final Set<String> EVERY_CONTROLLER = Set.of("node.Heartbeats.flush");

    private Loops() {
    }
}
