/**
 * Each app's log stream: lines shipped by node-agents (container output) and routers (access lines), plus the
 * platform's own events, kept in PostgreSQL as a bounded history per app and served to {@code paas logs},
 * its live follow, and the dashboard.
 */
package dev.paas.controller.log;
