package dev.paas.controller.cluster;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Splits the apps of one log append into sets each small enough for one NOTIFY; drops names no message carries. */
final class LogChunks {

    /** Room left in a payload for the kind, the origin and the separators. */
    static final int APPS_BYTES = ClusterMessage.MAX_PAYLOAD - 200;

    private LogChunks() {
    }

    static List<Set<String>> of(Set<String> apps) {
        List<Set<String>> chunks = new ArrayList<>();
        Set<String> chunk = new LinkedHashSet<>();
        int size = 0;
        for (String app : apps) {
            if (!ClusterMessage.carries(app)) {
                continue;
            }
            if (!chunk.isEmpty() && size + app.length() + 1 > APPS_BYTES) {
                chunks.add(chunk);
                chunk = new LinkedHashSet<>();
                size = 0;
            }
            chunk.add(app);
            size += app.length() + 1;
        }
        if (!chunk.isEmpty()) {
            chunks.add(chunk);
        }
        return chunks;
    }
}
