/**
 * The one path every change to an app takes (a push's release, config, rollback, restart, scale, restart of one
 * type): {@link dev.paas.controller.change.AppChanges} writes it under the app's lock, in one transaction, and
 * {@link dev.paas.controller.change.ChangeWaiter} follows the change feed until the change has its outcome. The
 * lock itself is {@link dev.paas.controller.change.AppLocks}: the rollout takes it without waiting, and a drain or
 * a lost node takes it for each app whose containers it moves (see the schedule package for why those two need
 * no release).
 */
package dev.paas.controller.change;
