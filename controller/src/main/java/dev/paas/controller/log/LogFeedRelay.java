package dev.paas.controller.log;

import java.util.Set;
import java.util.function.Consumer;

import org.springframework.stereotype.Component;

/**
 * The door of {@link LogFeed} for the other controllers ({@code cluster.ClusterFeed}): the apps whose lines this
 * controller stored go out, and the apps another controller stored lines of wake this one's followers, which read
 * the lines from the database as for their own.
 */
@Component
public class LogFeedRelay {

    private final LogFeed feed;

    LogFeedRelay(LogFeed feed) {
        this.feed = feed;
    }

    public void relayTo(Consumer<Set<String>> relay) {
        feed.relayTo(relay);
    }

    public void remoteAppended(Set<String> apps) {
        feed.wake(apps);
    }
}
