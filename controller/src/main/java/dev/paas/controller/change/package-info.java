/**
 * The one path every change to an app takes (a push's release, config, rollback, restart, scale, restart of one
 * type): {@link dev.paas.controller.change.AppChanges} writes it under the app's lock, in one transaction, and
 * {@link dev.paas.controller.change.ChangeWaiter} follows the change feed until the change has its outcome.
 */
package dev.paas.controller.change;
