package dev.paas.router.nginx;

import java.nio.file.Path;
import java.util.List;
import dev.paas.api.RouteTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScratchTimingTest {
    @TempDir Path dir;
    @Test
    void race() throws Exception {
        var b = new com.sun.net.httpserver.HttpServer[] {Backends.answering("one"), Backends.answering("two")};
        var listen = new ListenAddress("127.0.0.1", Backends.freePort());
        NginxRouter r = NginxRouter.create(Backends.NGINX, dir.resolve("n"), listen);
        r.start();
        int stale = 0, total = 0, firstStale = 0;
        for (int v = 1; v <= 30; v++) {
            var want = b[v % 2];
            long t = System.nanoTime();
            r.apply(new RouteTable(v, List.of(new RouteTable.Route("a", List.of("a.localhost"), List.of(new RouteTable.Backend("127.0.0.1", want.getAddress().getPort()))))));
            long ms = (System.nanoTime() - t) / 1_000_000;
            String expected = v % 2 == 1 ? "two" : "one";
            int s = 0;
            for (int i = 0; i < 100; i++) {
                var resp = HostRequest.get("127.0.0.1", listen.port(), "a.localhost", "/");
                total++;
                if (!resp.body().equals(expected)) { s++; if (i == 0) firstStale++; }
            }
            stale += s;
            System.out.println("v" + v + " apply " + ms + "ms stale " + s);
        }
        System.out.println("TOTAL stale " + stale + "/" + total + " firstStale " + firstStale);
        r.stop();
    }
}
