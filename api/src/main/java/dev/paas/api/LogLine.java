package dev.paas.api;

import java.time.Instant;

/**
 * One line of an app's log stream.
 *
 * @param id      position in the controller's history (0 when a node-agent or router sends it); ids only grow,
 *                so a follower asks for lines after the last id it printed, across controller restarts
 * @param time    when the line was written (by the container, the router or the controller)
 * @param source  {@link #APP} (a container's stdout/stderr), {@link #PLATFORM} (the platform's own events) or
 *                {@link #ROUTER} (access lines) or {@link #ADDON}
 * @param process {@code web.1} for app lines, a short topic such as {@code build} or {@code api} for platform lines
 * @param release the release the container runs, or null when the line is not about one
 */
public record LogLine(long id, Instant time, String app, String source, String process, Integer release, String text) {
    public static final String APP = "app";
    public static final String PLATFORM = "platform";
    public static final String ROUTER = "router";
    /** An add-on's state changes, in the log of each app it is attached to; the process is the add-on's name. */
    public static final String ADDON = "addon";
}
