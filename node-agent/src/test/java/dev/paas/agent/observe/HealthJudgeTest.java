package dev.paas.agent.observe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import dev.paas.api.DesiredContainer;
import dev.paas.api.HealthCheck;
import org.junit.jupiter.api.Test;

/** Given check answers over (fake) time, expect the states a container is reported in. */
class HealthJudgeTest {

    final AtomicBoolean healthy = new AtomicBoolean(false);
    final AtomicLong now = new AtomicLong();
    final HealthJudge judge = new HealthJudge((host, port, c) -> healthy.get(), now::get);
    final HealthCheck check = new HealthCheck("/health", 1000, 3);

    HealthJudgeTest() {
        judge.expect(List.of(new DesiredContainer("a.v1.web.1", "a", 1, "web", 1, "img", List.of(), Map.of(), 5000, check),
                new DesiredContainer("a.v1.worker.1", "a", 1, "worker", 1, "img", List.of(), Map.of(), 5000)));
    }

    String judgeAt(long seconds) {
        now.set(seconds * 1_000_000_000L);
        return judge.judge("a.v1.web.1", "10.0.0.2", 5000, check);
    }

    @Test
    void onlyContainersWithACheckAreJudgedByIt() {
        assertThat(judge.checkFor("a.v1.web.1")).isEqualTo(check);
        assertThat(judge.checkFor("a.v1.worker.1")).isNull();
    }

    @Test
    void failsAfterItsAttemptsCountingAtMostOneASecond() {
        assertThat(judgeAt(0)).isEqualTo("starting");
        assertThat(judgeAt(0)).isEqualTo("starting");
        assertThat(judgeAt(1)).isEqualTo("starting");
        assertThat(judgeAt(2)).isEqualTo("unhealthy");
    }

    @Test
    void isUpWhenACheckPassesAndOnlyStartingIfItFailsLater() {
        assertThat(judgeAt(0)).isEqualTo("starting");
        healthy.set(true);
        assertThat(judgeAt(1)).isEqualTo("up");
        healthy.set(false);
        for (int s = 2; s < 10; s++) {
            assertThat(judgeAt(s)).isEqualTo("starting");
        }
    }
}
