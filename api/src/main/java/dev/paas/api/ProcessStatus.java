package dev.paas.api;

import java.time.Instant;

/**
 * One container of an app, for {@code paas ps}.
 *
 * @param name  {@code web.1}
 * @param state pending, starting, up, exited (crashed, restarting with back-off)
 * @param since when it entered that state: for an up container, its uptime starts there
 */
public record ProcessStatus(String name, String processType, int index, String state, int release, String node,
                            Instant since) {
}
