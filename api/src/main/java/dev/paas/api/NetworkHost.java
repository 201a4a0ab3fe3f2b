package dev.paas.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Which network stack a process runs in: the same value for a node-agent and a router exactly when they share the
 * kernel's boot and network namespace, so that addresses on the node's Docker bridges reach the containers from the
 * router too. The agent already depends on that: it probes each container on its bridge address. A hash of the boot id
 * and the network namespace's inode, sent by agents (at registration) and routers (with each route poll); the
 * controller gives a router a container's bridge address only when the two match (route.Reach).
 */
public final class NetworkHost {

    private static final Pattern VALID = Pattern.compile("[a-z0-9-]{1,64}");

    private NetworkHost() {
    }

    /** This process's network host, or null where /proc does not tell (then routers use published ports). */
    public static String current() {
        return of(Path.of("/proc/sys/kernel/random/boot_id"), Path.of("/proc/self/ns/net"));
    }

    static String of(Path bootId, Path netns) {
        try {
            String boot = Files.readString(bootId, StandardCharsets.US_ASCII).strip();
            String net = Files.readSymbolicLink(netns).toString();
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest((boot + "\n" + net).getBytes(StandardCharsets.UTF_8));
            return "h-" + HexFormat.of().formatHex(hash, 0, 12);
        } catch (IOException | UnsupportedOperationException | NoSuchAlgorithmException e) {
            return null;
        }
    }

    /** What the controller accepts as a network host: anything else counts as none (no direct addresses). */
    public static boolean valid(String host) {
        return host != null && VALID.matcher(host).matches();
    }
}
