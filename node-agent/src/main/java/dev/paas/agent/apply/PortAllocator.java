package dev.paas.agent.apply;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Set;
import java.util.function.IntPredicate;

/**
 * Hands out host ports from the node's range. It skips ports its containers hold and ports something else on the
 * host has bound, and it goes round the range instead of reusing the lowest free port, so a port a router may
 * still point at is not handed to another app straight away.
 */
public final class PortAllocator {

    private final int first;
    private final int last;
    private final IntPredicate bindable;
    private int cursor;

    public PortAllocator(int first, int last, IntPredicate bindable) {
        if (first < 1 || last > 65535 || first > last) {
            throw new IllegalArgumentException("Port range " + first + "-" + last
                    + " is invalid: use FIRST-LAST with 1 <= FIRST <= LAST <= 65535.");
        }
        this.first = first;
        this.last = last;
        this.bindable = bindable;
        this.cursor = first;
    }

    /** A probe that binds a server socket on the address the containers are published on. */
    public static IntPredicate bindableOn(String ip) {
        return port -> {
            try (ServerSocket socket = new ServerSocket()) {
                socket.setReuseAddress(true);
                socket.bind(new InetSocketAddress(InetAddress.getByName(ip), port));
                return true;
            } catch (IOException e) {
                return false;
            }
        };
    }

    /**
     * A free port, {@code preferred} if it is usable (a restarted container keeps its port, so routes stay valid).
     *
     * @param taken     ports already held by this node's containers or handed out in the same batch
     * @param preferred port to try first, or null
     * @throws IllegalStateException when every port of the range is in use
     */
    public synchronized int allocate(Set<Integer> taken, Integer preferred) {
        if (preferred != null && preferred >= first && preferred <= last && usable(preferred, taken)) {
            return preferred;
        }
        int size = last - first + 1;
        for (int i = 0; i < size; i++) {
            int port = first + Math.floorMod(cursor - first + i, size);
            if (usable(port, taken)) {
                cursor = port == last ? first : port + 1;
                return port;
            }
        }
        throw new IllegalStateException("No free host port in " + first + "-" + last
                + ": every port is used by a container or another process; widen --ports.");
    }

    private boolean usable(int port, Set<Integer> taken) {
        return !taken.contains(port) && bindable.test(port);
    }
}
