package dev.paas.agent.apply;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PortAllocatorTest {

    private static final Set<Integer> NONE = Set.of();

    @Test
    void skipsPortsHeldByContainers() {
        PortAllocator ports = new PortAllocator(20000, 20009, port -> true);

        assertThat(ports.allocate(Set.of(20000, 20001), null)).isEqualTo(20002);
    }

    @Test
    void skipsPortsThatCannotBeBound() {
        PortAllocator ports = new PortAllocator(20000, 20009, port -> port != 20000);

        assertThat(ports.allocate(NONE, null)).isEqualTo(20001);
    }

    @Test
    void goesRoundTheRangeInsteadOfReusingAFreedPortAtOnce() {
        PortAllocator ports = new PortAllocator(20000, 20002, port -> true);

        assertThat(ports.allocate(NONE, null)).isEqualTo(20000);
        assertThat(ports.allocate(NONE, null)).isEqualTo(20001);
        assertThat(ports.allocate(NONE, null)).isEqualTo(20002);
        assertThat(ports.allocate(Set.of(20001), null)).isEqualTo(20000);
    }

    @Test
    void givesAPreferredPortBackWhenItIsFree() {
        PortAllocator ports = new PortAllocator(20000, 20009, port -> true);

        assertThat(ports.allocate(NONE, 20007)).isEqualTo(20007);
        assertThat(ports.allocate(Set.of(20007), 20007)).isEqualTo(20000);
        assertThat(ports.allocate(NONE, 30000)).isEqualTo(20001);
    }

    @Test
    void saysWhatToDoWhenTheRangeIsFull() {
        PortAllocator ports = new PortAllocator(20000, 20001, port -> true);

        assertThatThrownBy(() -> ports.allocate(Set.of(20000, 20001), null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("20000-20001").hasMessageContaining("--ports");
    }

    @Test
    void rejectsAnInvalidRange() {
        assertThatThrownBy(() -> new PortAllocator(20010, 20000, port -> true))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theLoopbackProbeSeesAPortSomethingElseListensOn() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();

            assertThat(PortAllocator.bindableOn("127.0.0.1").test(port)).isFalse();
            PortAllocator ports = new PortAllocator(port, port + 1, PortAllocator.bindableOn("127.0.0.1"));
            int given = ports.allocate(new HashSet<>(), null);
            assertThat(given).isNotEqualTo(port);
            try (ServerSocket check = new ServerSocket()) {
                check.bind(new InetSocketAddress("127.0.0.1", given));
            }
        }
    }
}
