/**
 * Several controllers on one PostgreSQL. {@link dev.paas.controller.cluster.Leadership} elects the one controller
 * that runs the decisions that must be single (rollout passes, the node watch, cron, scheduled backups), through a
 * session advisory lock held on a connection of its own: when the leader dies its connection drops, PostgreSQL
 * releases the lock, and a standby that tries every second takes it. {@link dev.paas.controller.cluster.ClusterFeed}
 * carries what one controller keeps in memory and the others must hear of (change-feed bumps, routers' polls and
 * acknowledgements, stored log lines) over LISTEN/NOTIFY, as {@link dev.paas.controller.cluster.ClusterMessage}s.
 * Per-app change locks need nothing here: they are already row locks in PostgreSQL
 * ({@link dev.paas.controller.change.AppLocks}).
 */
package dev.paas.controller.cluster;
