package dev.paas.agent.engine;

import dev.paas.agent.Fixtures;
import dev.paas.agent.apply.PortAllocator;
import dev.paas.api.DesiredContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What every {@link ContainerEngine} must do; the Docker engine and the test fake both run it. */
public abstract class ContainerEngineContract {

    protected final String node = "test-" + UUID.randomUUID().toString().substring(0, 8);
    protected final String otherNode = node + "-other";
    private final Set<Integer> handedOut = new HashSet<>();
    private final PortAllocator ports = new PortAllocator(29000, 29999, PortAllocator.bindableOn("127.0.0.1"));

    protected abstract ContainerEngine engine();

    /** An image the engine has locally, which can run {@link #serve(String)}. */
    protected abstract String image();

    @AfterEach
    void removeWhatTheTestMade() {
        for (String n : List.of(node, otherNode)) {
            engine().list(n).forEach(c -> engine().remove(c.id()));
        }
    }

    /** A desired web container that serves HTTP on 8080. */
    protected DesiredContainer serve(String name) {
        DesiredContainer d = Fixtures.desired(name);
        return new DesiredContainer(d.name(), d.app(), d.release(), d.processType(), d.index(), image(),
                List.of("/bin/sh", "-c", "exec python3 -m http.server $PORT"), Map.of("PORT", "8080"), 8080);
    }

    protected ContainerSpec spec(String onNode, DesiredContainer desired) {
        int port = ports.allocate(handedOut, null);
        handedOut.add(port);
        return ContainerSpec.of(onNode, desired, "127.0.0.1", port);
    }

    @Test
    void runsAContainerAndListsItWithItsPlatformName() {
        ContainerSpec spec = spec(node, serve("hello.v1.web.1"));

        String id = engine().run(spec);

        assertThat(engine().list(node)).singleElement().satisfies(c -> {
            assertThat(c.id()).isEqualTo(id);
            assertThat(c.name()).isEqualTo("hello.v1.web.1");
            assertThat(c.running()).isTrue();
            assertThat(c.port()).isEqualTo(8080);
            assertThat(c.hostPort()).isEqualTo(spec.hostPort());
        });
    }

    @Test
    void listsOnlyTheGivenNodesContainers() {
        engine().run(spec(node, serve("hello.v1.web.1")));
        engine().run(spec(otherNode, serve("hello.v1.web.2")));

        assertThat(engine().list(node)).extracting(NodeContainer::name).containsExactly("hello.v1.web.1");
        assertThat(engine().list(otherNode)).extracting(NodeContainer::name).containsExactly("hello.v1.web.2");
    }

    @Test
    void removesAndRemovingTwiceIsHarmless() {
        String id = engine().run(spec(node, serve("hello.v1.web.1")));

        engine().remove(id);
        engine().remove(id);

        assertThat(engine().list(node)).isEmpty();
    }

    @Test
    void aRunThatCannotStartLeavesNothingBehind() {
        ContainerSpec first = spec(node, serve("hello.v1.web.1"));
        engine().run(first);
        ContainerSpec samePort = ContainerSpec.of(node, serve("hello.v1.web.2"), "127.0.0.1", first.hostPort());

        assertThatThrownBy(() -> engine().run(samePort)).isInstanceOf(RuntimeException.class);

        assertThat(engine().list(node)).extracting(NodeContainer::name).containsExactly("hello.v1.web.1");
    }

    @Test
    void doesNotPullAnImageItHas() {
        assertThat(engine().ensureImage(image())).isFalse();
    }
}
