package dev.paas.controller.log;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param historyLines how many recent lines each app keeps (PAAS_LOGS_HISTORY_LINES); older ones are dropped
 */
@ConfigurationProperties("paas.logs")
public record LogSettings(@DefaultValue("10000") int historyLines) {

    public LogSettings {
        if (historyLines < 1) {
            throw new IllegalArgumentException("paas.logs.history-lines must be at least 1, not " + historyLines);
        }
    }

    /** Pruning after every insert would cost a query each time; after this many new lines it is cheap enough. */
    int pruneEvery() {
        return Math.max(50, historyLines / 20);
    }
}
