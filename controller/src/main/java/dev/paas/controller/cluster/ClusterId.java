package dev.paas.controller.cluster;

import java.util.Locale;
import java.util.UUID;

import org.springframework.stereotype.Component;

/**
 * This controller process's id in the cluster's messages, logs and the builds it runs: new at every start, {@code c}
 * and eight hex digits, so it is also a 32-bit number, the key of its presence lock ({@link Presence}).
 */
@Component
public class ClusterId {

    private final String value;

    public ClusterId() {
        this("c" + UUID.randomUUID().toString().substring(0, 8));
    }

    private ClusterId(String value) {
        this.value = value;
    }

    /** The id whose presence lock key is {@code key}. */
    public static ClusterId ofKey(int key) {
        return new ClusterId(String.format(Locale.ROOT, "c%08x", Integer.toUnsignedLong(key)));
    }

    public String value() {
        return value;
    }

    /** The eight hex digits as a number: the second key of this controller's presence lock. */
    public int key() {
        return (int) Long.parseLong(value.substring(1), 16);
    }

    @Override
    public String toString() {
        return value;
    }
}
