package dev.paas.router.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;

import dev.paas.api.LogLine;
import dev.paas.api.RouteTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccessLogShipperTest {

    static final RouteTable TABLE = new RouteTable(7, List.of(
            new RouteTable.Route("hello", List.of("hello.localhost", "www.example.com"), List.of())));

    @TempDir
    Path dir;

    @Test
    void requestsToAnAppsDomainsBecomeItsRouterLines() {
        List<LogLine> lines = AccessLogShipper.toLogLines(List.of(
                "1763806800.123\tHello.localhost\tGET\t/a?b=1\t200\t0.012\t3\t127.0.0.1:21000",
                "1763806801.000\tother.localhost\tGET\t/\t404\t0.000\t0\t",
                "not an access line"), TABLE);

        assertThat(lines).singleElement().satisfies(line -> {
            assertThat(line.app()).isEqualTo("hello");
            assertThat(line.source()).isEqualTo(LogLine.ROUTER);
            assertThat(line.time()).isEqualTo(Instant.ofEpochMilli(1763806800123L));
            assertThat(line.text()).isEqualTo("method=GET path=\"/a?b=1\" host=hello.localhost status=200 bytes=3"
                    + " service=12ms upstream=127.0.0.1:21000");
        });
    }

    @Test
    void tailsFromTheEndAndOnlyWholeLinesAndStartsOverWhenTheFileShrinks() throws Exception {
        Path log = dir.resolve("access-paas.log");
        Files.writeString(log, "old line\n");
        AccessLogShipper shipper = new AccessLogShipper(log, () -> TABLE, batch -> { },
                new AccessLogShipper.Rotation(Long.MAX_VALUE, List.of(), () -> { }));

        assertThat(shipper.readNew()).isEmpty();
        Files.writeString(log, "one\ntw", StandardOpenOption.APPEND);
        assertThat(shipper.readNew()).containsExactly("one");
        Files.writeString(log, "o\n", StandardOpenOption.APPEND);
        assertThat(shipper.readNew()).containsExactly("two");
        Files.writeString(log, "new\n");
        assertThat(shipper.readNew()).containsExactly("new");
    }
}
