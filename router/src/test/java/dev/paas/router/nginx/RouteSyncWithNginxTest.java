package dev.paas.router.nginx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.List;

import com.sun.net.httpserver.HttpServer;
import dev.paas.api.RouteTable;
import dev.paas.api.RouteTable.Backend;
import dev.paas.api.RouteTable.Route;
import dev.paas.router.ControllerClient;
import dev.paas.router.FakeController;
import dev.paas.router.RouteSync;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole router: fake controller, the real loop, real nginx. An ack must mean "nginx serves it". */
class RouteSyncWithNginxTest {

    @TempDir
    Path dir;

    @Test
    void theAcknowledgedVersionIsTheOneNginxServes() throws Exception {
        assumeTrue(Backends.nginxInstalled(), "nginx is not installed at " + Backends.NGINX);
        HttpServer backend = Backends.answering("hello from the app");
        HttpServer other = Backends.answering("hello from the new release");
        ListenAddress listen = new ListenAddress("127.0.0.1", Backends.freePort());
        NginxRouter router = NginxRouter.create(Backends.NGINX, dir.resolve("nginx"), listen);
        Thread loop = null;
        try (FakeController controller = new FakeController()) {
            router.start();
            controller.publish(new RouteTable(12, List.of(new Route("hello", List.of("hello.localhost"),
                    List.of(new Backend("127.0.0.1", backend.getAddress().getPort()))))));
            loop = new Thread(new RouteSync(new ControllerClient(controller.uri(), FakeController.TOKEN), router, "router1"));
            loop.start();

            assertThat(controller.nextAck()).isEqualTo("router1:12");
            assertThat(HostRequest.get("127.0.0.1", listen.port(), "hello.localhost", "/").body())
                    .isEqualTo("hello from the app");

            // Only the backends change (a rollout): served without a reload, and acknowledged once served.
            controller.publish(new RouteTable(13, List.of(new Route("hello", List.of("hello.localhost"),
                    List.of(new Backend("127.0.0.1", other.getAddress().getPort()))))));
            // Heartbeat acks of v12 come every poll (200 ms here) until v13 is served.
            String ack = controller.nextAck();
            for (int i = 0; i < 100 && "router1:12".equals(ack); i++) {
                ack = controller.nextAck();
            }
            assertThat(ack).isEqualTo("router1:13");
            assertThat(HostRequest.get("127.0.0.1", listen.port(), "hello.localhost", "/").body())
                    .isEqualTo("hello from the new release");
        } finally {
            if (loop != null) {
                loop.interrupt();
                loop.join(5000);
            }
            router.stop();
            backend.stop(0);
            other.stop(0);
        }
    }
}
