package dev.paas.e2e;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Hands out blocks of host ports for node-agents (each agent publishes its containers on a range of its own), so
 * test classes need not pick port bases by hand. A block is claimed with a file lock under /tmp that the JVM holds
 * until it exits, so two test runs on one machine (two worktrees, say) never get the same block; a block whose
 * ports are in use by something else is skipped. Blocks lie below Linux's ephemeral range (32768 and up), where
 * outgoing connections take their ports; {@link #single()} hands out the test's other ports from a block too.
 */
final class PortRanges {

    static final int BLOCK = 200;
    private static final int FIRST = 20000;
    private static final int LAST = 32600;
    private static final Path LOCKS = Path.of(System.getProperty("java.io.tmpdir"), "paas-e2e-ports");
    /** Held for the JVM's lifetime: closing a channel would release its lock. */
    private static final List<FileChannel> HELD = new ArrayList<>();

    private PortRanges() {
    }

    /** The first port of a newly claimed block of {@link #BLOCK} ports. */
    static synchronized int claim() {
        try {
            Files.createDirectories(LOCKS);
            for (int base = FIRST; base + BLOCK <= LAST; base += BLOCK) {
                FileChannel channel = FileChannel.open(LOCKS.resolve(base + ".lock"),
                        StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock = tryLock(channel);
                if (lock != null && free(base)) {
                    HELD.add(channel);
                    return base;
                }
                channel.close();
            }
        } catch (IOException e) {
            throw new IllegalStateException("Could not claim a port block under " + LOCKS, e);
        }
        throw new IllegalStateException("No free block of " + BLOCK + " ports between " + FIRST + " and " + LAST);
    }

    /**
     * One port for a service of the test (an API, an SSH server, a published database), from a block of its own:
     * below the ephemeral range and held by this JVM, so no outgoing connection and no other run takes it between
     * this answer and the service's bind, as one from the ephemeral range ({@code new ServerSocket(0)}) could be.
     */
    static synchronized int single() {
        while (true) {
            if (nextSingle == 0 || nextSingle >= singleEnd) {
                nextSingle = claim();
                singleEnd = nextSingle + BLOCK;
            }
            int port = nextSingle++;
            if (bindable(port)) {
                return port;
            }
        }
    }

    private static int nextSingle;
    private static int singleEnd;

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (java.nio.channels.OverlappingFileLockException heldByThisJvm) {
            return null;
        }
    }

    /** Every port of the block can be bound now (containers publish on 0.0.0.0). */
    private static boolean free(int base) {
        for (int port = base; port < base + BLOCK; port++) {
            if (!bindable(port)) {
                return false;
            }
        }
        return true;
    }

    private static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName("0.0.0.0"))) {
            socket.setReuseAddress(true);
            return true;
        } catch (IOException inUse) {
            return false;
        }
    }
}
