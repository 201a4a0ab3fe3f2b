package dev.paas.controller.cluster;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What one controller tells the others over NOTIFY, as one line of tab-separated fields led by a kind letter and the
 * sending controller's id (so a controller skips its own). A payload that does not parse is dropped whole: it can
 * only come from something else writing on the channel, and nothing it says is believed.
 */
public sealed interface ClusterMessage {

    /** PostgreSQL refuses payloads of 8,000 bytes or more; a log message naming more apps is split. */
    int MAX_PAYLOAD = 7_900;

    /** Names this format carries: apps, routers, controller ids (no tab, no newline, nothing exotic). */
    Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

    String origin();

    /** The sender's change feed moved to {@code version}. */
    record Bump(String origin, long version) implements ClusterMessage {
    }

    /** A router polled the sender for routes (it is alive); {@code formationId} null: it serves every formation. */
    record Polled(String origin, String router, Long formationId) implements ClusterMessage {
    }

    /** A router told the sender it serves the table of {@code version}. */
    record Acknowledged(String origin, String router, Long formationId, long version) implements ClusterMessage {
    }

    /** The sender stored log lines of these apps. */
    record Logged(String origin, Set<String> apps) implements ClusterMessage {
    }

    /**
     * The sender registered a node or revoked a join token: node credentials kept in memory must be looked up again
     * ({@code NodeCredentials}), or a revoked one would still be believed here until its entry expired.
     */
    record Forgot(String origin) implements ClusterMessage {
    }

    static String format(ClusterMessage message) {
        if (message instanceof Bump b) {
            return "b\t" + b.origin() + "\t" + b.version();
        }
        if (message instanceof Polled p) {
            return "p\t" + p.origin() + "\t" + p.router() + "\t" + formation(p.formationId());
        }
        if (message instanceof Acknowledged a) {
            return "a\t" + a.origin() + "\t" + a.router() + "\t" + formation(a.formationId()) + "\t" + a.version();
        }
        if (message instanceof Forgot f) {
            return "c\t" + f.origin() + "\t-";
        }
        Logged l = (Logged) message;
        return "l\t" + l.origin() + "\t" + String.join(",", l.apps());
    }

    static Optional<ClusterMessage> parse(String payload) {
        if (payload == null || payload.length() > MAX_PAYLOAD) {
            return Optional.empty();
        }
        String[] f = payload.split("\t", -1);
        try {
            if (f.length < 3 || !NAME.matcher(f[1]).matches()) {
                return Optional.empty();
            }
            switch (f[0]) {
                case "b":
                    return f.length == 3 ? Optional.of(new Bump(f[1], Long.parseLong(f[2]))) : Optional.empty();
                case "p":
                    return f.length == 4 && NAME.matcher(f[2]).matches()
                            ? Optional.of(new Polled(f[1], f[2], parseFormation(f[3]))) : Optional.empty();
                case "a":
                    return f.length == 5 && NAME.matcher(f[2]).matches()
                            ? Optional.of(new Acknowledged(f[1], f[2], parseFormation(f[3]), Long.parseLong(f[4])))
                            : Optional.empty();
                case "c":
                    return f.length == 3 && f[2].equals("-") ? Optional.of(new Forgot(f[1])) : Optional.empty();
                case "l":
                    Set<String> apps = new LinkedHashSet<>(Arrays.asList(f[2].split(",")));
                    return f.length == 3 && apps.stream().allMatch(a -> NAME.matcher(a).matches())
                            ? Optional.of(new Logged(f[1], apps)) : Optional.empty();
                default:
                    return Optional.empty();
            }
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Whether a name can travel in a message; a router or app whose name cannot is simply not relayed. */
    static boolean carries(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    private static String formation(Long id) {
        return id == null ? "-" : id.toString();
    }

    private static Long parseFormation(String field) {
        return field.equals("-") ? null : Long.parseLong(field);
    }
}
