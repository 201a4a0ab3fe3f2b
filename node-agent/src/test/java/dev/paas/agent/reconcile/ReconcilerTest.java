package dev.paas.agent.reconcile;

import dev.paas.agent.engine.NodeContainer;
import dev.paas.api.DesiredContainer;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.paas.agent.Fixtures.desired;
import static dev.paas.agent.Fixtures.exited;
import static dev.paas.agent.Fixtures.running;
import static org.assertj.core.api.Assertions.assertThat;

class ReconcilerTest {

    @Test
    void createsEveryDesiredContainerThatIsAbsent() {
        List<DesiredContainer> desired = List.of(desired("hello.v1.web.1"), desired("hello.v1.web.2"));

        assertThat(Reconciler.plan(desired, List.of())).containsExactly(
                new Action.Create(desired.get(0)), new Action.Create(desired.get(1)));
    }

    @Test
    void doesNothingWhenInSync() {
        List<DesiredContainer> desired = List.of(desired("hello.v1.web.1"), desired("hello.v1.worker.1"));
        List<NodeContainer> observed = List.of(running("hello.v1.worker.1", 20001), running("hello.v1.web.1", 20000));

        assertThat(Reconciler.plan(desired, observed)).isEmpty();
    }

    @Test
    void removesContainersThatAreNoLongerDesired() {
        NodeContainer old = running("hello.v1.web.1", 20000);
        NodeContainer current = running("hello.v2.web.1", 20001);

        assertThat(Reconciler.plan(List.of(desired("hello.v2.web.1")), List.of(old, current)))
                .containsExactly(new Action.Remove(old));
    }

    @Test
    void removesEverythingWhenNothingIsDesired() {
        NodeContainer a = running("hello.v1.web.1", 20000);
        NodeContainer b = exited("other.v3.web.1", 20001);

        assertThat(Reconciler.plan(List.of(), List.of(a, b)))
                .containsExactly(new Action.Remove(a), new Action.Remove(b));
    }

    @Test
    void restartsDesiredContainersThatAreNotRunning() {
        DesiredContainer web = desired("hello.v1.web.1");
        NodeContainer crashed = exited("hello.v1.web.1", 20000);

        assertThat(Reconciler.plan(List.of(web), List.of(crashed)))
                .containsExactly(new Action.Restart(web, crashed));
    }

    @Test
    void ordersRemovalsBeforeRestartsBeforeCreates() {
        DesiredContainer crashedWeb = desired("hello.v2.web.1");
        DesiredContainer newWeb = desired("hello.v2.web.2");
        NodeContainer old = running("hello.v1.web.1", 20000);
        NodeContainer crashed = exited("hello.v2.web.1", 20001);

        assertThat(Reconciler.plan(List.of(newWeb, crashedWeb), List.of(crashed, old))).containsExactly(
                new Action.Remove(old), new Action.Restart(crashedWeb, crashed), new Action.Create(newWeb));
    }

    @Test
    void keepsOneContainerPerNameAndRemovesTheRest() {
        NodeContainer first = running("hello.v1.web.1", 20000);
        NodeContainer second = new NodeContainer("other-id", "hello.v1.web.1", true, "172.17.0.3", 8080, 20001);

        assertThat(Reconciler.plan(List.of(desired("hello.v1.web.1")), List.of(first, second)))
                .containsExactly(new Action.Remove(second));
    }

    @Test
    void decidesOnlyAboutWhatItIsGiven() {
        // The engine lists only this node's platform containers; the plan can never name anything else.
        List<NodeContainer> observed = List.of(running("hello.v1.web.1", 20000));

        List<Action> plan = Reconciler.plan(List.of(desired("hello.v1.web.1"), desired("hello.v1.web.2")), observed);

        assertThat(plan).containsExactly(new Action.Create(desired("hello.v1.web.2")));
        assertThat(plan).noneMatch(a -> a instanceof Action.Remove);
    }
}
