/**
 * The scheduler: turns an app's release and process structure into desired containers placed on runtime
 * nodes, and the rollout that retires the previous release once the new one serves.
 */
package dev.paas.controller.schedule;
