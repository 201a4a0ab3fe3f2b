package dev.paas.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.paas.api.RouteTable;
import dev.paas.api.RouteTable.Backend;
import dev.paas.api.RouteTable.Route;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The loop against a fake controller speaking the REST contract; the router is a recording fake. */
class RouteSyncTest {

    private final FakeController controller = newController();
    private final BlockingQueue<Long> applied = new LinkedBlockingQueue<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private final Router router = table -> {
        if (failuresLeft.getAndDecrement() > 0) {
            throw new IOException("nginx -t rejected it");
        }
        applied.add(table.version());
    };
    private Thread loop;

    @AfterEach
    void stop() throws InterruptedException {
        if (loop != null) {
            loop.interrupt();
            loop.join(5000);
        }
        controller.close();
    }

    @Test
    void appliesTheTableTheLongPollReturnsThenAcknowledgesItsVersion() throws Exception {
        controller.publish(table(3));
        start(FakeController.TOKEN);

        assertThat(applied.poll(10, TimeUnit.SECONDS)).isEqualTo(3);
        assertThat(controller.nextAck()).isEqualTo("router1:3");
        // With its network host, so the controller gives it the bridge addresses of the containers on it.
        assertThat(controller.polls.get(0)).isEqualTo("since=0&wait=1&host=" + dev.paas.api.NetworkHost.current());

        controller.publish(table(4));

        assertThat(applied.poll(10, TimeUnit.SECONDS)).isEqualTo(4);
        assertThat(controller.polls).contains("since=3&wait=1&host=" + dev.paas.api.NetworkHost.current());
        assertThat(nextAckOtherThan("router1:3")).isEqualTo("router1:4");
    }

    @Test
    void anUnchangedTableIsNotAppliedAgainButStillAcknowledged() throws Exception {
        controller.publish(table(5));
        start(FakeController.TOKEN);

        assertThat(controller.nextAck()).isEqualTo("router1:5");
        assertThat(controller.nextAck()).isEqualTo("router1:5");
        assertThat(applied).containsExactly(5L);
    }

    @Test
    void aTableThatFailsIsNeverAcknowledgedAndIsRetried() throws Exception {
        failuresLeft.set(2);
        controller.publish(table(7));
        start(FakeController.TOKEN);

        assertThat(controller.nextAck()).isEqualTo("router1:7");
        assertThat(applied).containsExactly(7L);
        assertThat(failuresLeft.get()).isNegative();
    }

    @Test
    void aRejectedTokenIsReportedWithTheControllersMessage() {
        ControllerClient client = new ControllerClient(controller.uri(), "wrong");

        assertThatThrownBy(() -> client.routes(0, Duration.ofSeconds(1)))
                .isInstanceOf(IOException.class).hasMessageContaining("401: Invalid node token.");
    }

    @Test
    void theLoopSurvivesARejectedTokenAndKeepsTrying() throws Exception {
        start("wrong");

        // Each refusal is followed by another try after the back-off (10-50 ms here), never by the loop's end.
        await().atMost(Duration.ofSeconds(10)).until(() -> controller.refused.get() >= 5);
        assertThat(loop.isAlive()).isTrue();
        assertThat(applied).isEmpty();
        assertThat(controller.polls).isEmpty();
    }

    private void start(String token) {
        RouteSync sync = new RouteSync(new ControllerClient(controller.uri(), token), router, "router1",
                Duration.ofSeconds(1), new Backoff(Duration.ofMillis(10), Duration.ofMillis(50)));
        loop = new Thread(sync, "route-sync");
        loop.start();
    }

    private String nextAckOtherThan(String old) throws InterruptedException {
        String ack = controller.nextAck();
        while (old.equals(ack)) {
            ack = controller.nextAck();
        }
        return ack;
    }

    private static RouteTable table(long version) {
        return new RouteTable(version, List.of(new Route("hello", List.of("hello.localhost"),
                List.of(new Backend("127.0.0.1", 5000)))));
    }

    private static FakeController newController() {
        try {
            return new FakeController();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
