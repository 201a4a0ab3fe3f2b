/**
 * The scheduler: turns an app's release and process structure into desired containers placed on runtime
 * nodes ({@link dev.paas.controller.schedule.Scheduler}, {@link dev.paas.controller.schedule.Placement}), and the
 * rollout that retires the previous release once the new one serves. The rollout's rules are one pure function,
 * {@link dev.paas.controller.schedule.RolloutPlan#plan}, from a snapshot to
 * {@link dev.paas.controller.schedule.RolloutAction}s; {@link dev.paas.controller.schedule.RolloutApplier} writes
 * them and {@link dev.paas.controller.schedule.Rollout} reads each app's snapshot under the app's lock.
 *
 * <p>A drain and a lost node ({@link dev.paas.controller.schedule.NodeWatch}) do not go through
 * {@link dev.paas.controller.change.AppChanges}: they make no release, allocate no version and change neither
 * config nor process structure, only which node a container runs on (a replacement of the same release, type and
 * index). They still take the lock of every app whose containers they move
 * ({@link dev.paas.controller.change.AppLocks#lockAll}, in app id order, within their own transaction), and read
 * the containers only then, so they never act on rows a change or a rollout step is writing (e.g. placing again a
 * container a scale-down just retired, or one of a release that just failed).
 */
package dev.paas.controller.schedule;
