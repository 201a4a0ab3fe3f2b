package dev.paas.controller.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.security.Principal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import dev.paas.api.LogLine;
import dev.paas.api.LogPage;
import dev.paas.controller.app.App;
import dev.paas.controller.log.LogFollower;
import dev.paas.controller.web.ApiException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpStatus;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** The live log's stream limits and how a stream ends; the database and the log history are mocked away. */
@ExtendWith(OutputCaptureExtension.class)
class LiveLogsTest {

    private final DashboardQueries queries = mock(DashboardQueries.class);
    private final LogFollower follower = mock(LogFollower.class);
    private final LiveLogs live = new LiveLogs(queries, follower);
    // the streams follow the log until this opens (then the follower says it is stopping)
    private final CountDownLatch stop = new CountDownLatch(1);
    // the follows the streams wait on; they end (with no lines) when the test says stop
    private final List<CompletableFuture<LogPage>> follows = new CopyOnWriteArrayList<>();

    @BeforeEach
    void oneApp() {
        App app = mock(App.class);
        when(app.getName()).thenReturn("web");
        when(queries.app(eq("web"), any())).thenReturn(app);
        when(follower.recent("web", LiveLogs.RECENT_LINES)).thenReturn(new LogPage(0, List.of()));
        when(follower.next(eq("web"), anyLong(), any(), any(), any())).thenAnswer(call -> {
            CompletableFuture<LogPage> page = new CompletableFuture<>();
            follows.add(page);
            if (stop.getCount() == 0) {
                page.complete(new LogPage(0, List.of()));
            }
            return page;
        });
        when(follower.stopping()).thenAnswer(call -> stop.getCount() == 0);
    }

    @AfterEach
    void end() {
        stopFollowing();
        live.stop();
    }

    private void stopFollowing() {
        stop.countDown();
        follows.forEach(page -> page.complete(new LogPage(0, List.of())));
    }

    @Test
    void oneUsersTabsCannotTakeEveryStreamFromTheOthers() {
        for (int i = 0; i < LiveLogs.MAX_STREAMS_PER_USER; i++) {
            live.stream("web", null, user("bob"));
        }
        assertThatThrownBy(() -> live.stream("web", null, user("bob")))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
                    assertThat(e.getMessage()).contains("8 live logs open", "close another tab");
                });
        assertThat(live.openStreams("bob")).isEqualTo(LiveLogs.MAX_STREAMS_PER_USER);
        // someone else still gets one
        live.stream("web", null, user("alice"));

        // streams that end give their place back
        stopFollowing();
        waitFor(() -> live.openStreams("bob") == 0 && live.openStreams("alice") == 0);
        live.stream("web", null, user("bob"));
    }

    @Test
    void anUnexpectedIllegalStateIsLoggedNotTakenForTheBrowserGoingAway(CapturedOutput output) {
        when(follower.recent("web", LiveLogs.RECENT_LINES)).thenThrow(new IllegalStateException("follower broke"));
        live.stream("web", null, user("bob"));
        waitFor(() -> live.openStreams("bob") == 0);
        assertThat(output.getOut()).contains("Live log of web ended", "java.lang.IllegalStateException: follower broke");
    }

    @Test
    void aStreamWhoseBrowserWentAwayEndsQuietly(CapturedOutput output) throws InterruptedException {
        CountDownLatch completed = new CountDownLatch(1);
        when(follower.recent("web", LiveLogs.RECENT_LINES)).thenAnswer(call -> {
            completed.await(30, TimeUnit.SECONDS);
            return new LogPage(1, List.of(new LogLine(1, Instant.now(), "web", LogLine.APP, "web.1", 1, "hello")));
        });
        SseEmitter emitter = live.stream("web", null, user("bob"));
        // what Spring does when the browser has gone: the emitter completes, and sending to it is refused
        emitter.complete();
        completed.countDown();
        waitFor(() -> live.openStreams("bob") == 0);
        assertThat(output.getOut()).doesNotContain("Live log of web ended");
    }

    private static Principal user(String name) {
        return () -> name;
    }

    /** Waits (at most 20 s) for the streams' threads to get there. */
    private static void waitFor(BooleanSupplier condition) {
        long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("still waiting after 20 s").isLessThan(end);
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
