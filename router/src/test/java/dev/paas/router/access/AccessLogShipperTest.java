package dev.paas.router.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

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
                "1763806800.123\tHello.localhost\tGET\t/a?b=1\t200\t0.012\t3\t127.0.0.1:21000\tabc-123",
                "1763806801.000\tother.localhost\tGET\t/\t404\t0.000\t0\t",
                "not an access line"), TABLE);

        assertThat(lines).singleElement().satisfies(line -> {
            assertThat(line.app()).isEqualTo("hello");
            assertThat(line.source()).isEqualTo(LogLine.ROUTER);
            assertThat(line.time()).isEqualTo(Instant.ofEpochMilli(1763806800123L));
            assertThat(line.text()).isEqualTo("method=GET path=\"/a?b=1\" host=hello.localhost status=200 bytes=3"
                    + " service=12ms upstream=127.0.0.1:21000 request_id=abc-123");
        });
    }

    @Test
    void linesAnOlderRouterWroteHaveNoRequestId() {
        List<LogLine> lines = AccessLogShipper.toLogLines(List.of(
                "1763806800.123\thello.localhost\tGET\t/\t200\t0.012\t3\t127.0.0.1:21000"), TABLE);

        assertThat(lines).singleElement().extracting(LogLine::text).asString().endsWith(" request_id=-");
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

    @Test
    void rotatesPastTheLimitAndKeepsReadingWhatNginxStillWritesToTheRenamedFile() throws Exception {
        Path log = dir.resolve("access-paas.log");
        Path plain = dir.resolve("access.log");
        Files.writeString(log, "");
        Files.writeString(plain, "x\n");
        AtomicInteger reopens = new AtomicInteger();
        AccessLogShipper shipper = new AccessLogShipper(log, () -> TABLE, batch -> { },
                new AccessLogShipper.Rotation(10, List.of(plain), reopens::incrementAndGet));

        assertThat(shipper.readNew()).isEmpty();
        Files.writeString(log, "0123456789\npart", StandardOpenOption.APPEND);
        assertThat(shipper.readNew()).containsExactly("0123456789");
        assertThat(reopens.get()).isEqualTo(1);
        assertThat(log).doesNotExist();
        assertThat(dir.resolve("access-paas.log.1")).hasContent("0123456789\npart");
        assertThat(dir.resolve("access.log.1")).hasContent("x\n");

        // A worker that has not reopened yet finishes its line in the renamed file; the new file is read from its start.
        Files.writeString(dir.resolve("access-paas.log.1"), "ial\n", StandardOpenOption.APPEND);
        Files.writeString(log, "new\n");
        assertThat(shipper.readNew()).containsExactly("partial", "new");
        assertThat(shipper.readNew()).isEmpty();
        assertThat(reopens.get()).isEqualTo(1);
    }
}
