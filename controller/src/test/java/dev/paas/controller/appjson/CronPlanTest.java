package dev.paas.controller.appjson;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** Given entries, a tick's window and what still runs, expect which entries start. */
class CronPlanTest {

    static final AppJson.CronEntry EVERY_5 = new AppJson.CronEntry("five", "echo 5", "*/5 * * * *", "allow");
    static final AppJson.CronEntry HOURLY = new AppJson.CronEntry("hourly", "echo h", "@hourly", "forbid");
    static final AppJson.CronEntry REPLACING = new AppJson.CronEntry("rep", "echo r", "* * * * *", "replace");
    static final AppJson.CronEntry FORBIDDING = new AppJson.CronEntry("forb", "echo f", "* * * * *", "forbid");

    static Instant at(String time) {
        return Instant.parse("2026-12-04T" + time + "Z");
    }

    @Test
    void startsAnEntryWhoseTimeFallsInTheWindow() {
        assertThat(CronPlan.decide(List.of(EVERY_5, HOURLY), at("10:04:50"), at("10:05:05"), Set.of()))
                .containsExactly(new CronPlan.Decision(EVERY_5, CronPlan.Action.START));
        assertThat(CronPlan.decide(List.of(EVERY_5, HOURLY), at("10:59:50"), at("11:00:00"), Set.of()))
                .containsExactly(new CronPlan.Decision(EVERY_5, CronPlan.Action.START),
                        new CronPlan.Decision(HOURLY, CronPlan.Action.START));
    }

    @Test
    void doesNothingBetweenTimesNorAtTheWindowsStart() {
        assertThat(CronPlan.decide(List.of(EVERY_5, HOURLY), at("10:05:00"), at("10:09:59"), Set.of())).isEmpty();
    }

    @Test
    void startsOnceForAWindowHoldingSeveralTimes() {
        assertThat(CronPlan.decide(List.of(EVERY_5), at("10:00:00"), at("10:30:00"), Set.of()))
                .containsExactly(new CronPlan.Decision(EVERY_5, CronPlan.Action.START));
    }

    @Test
    void appliesTheConcurrencyPolicyToAnEntryStillRunning() {
        Set<String> running = Set.of("five", "rep", "forb");
        assertThat(CronPlan.decide(List.of(EVERY_5, REPLACING, FORBIDDING), at("10:04:59"), at("10:05:00"), running))
                .containsExactly(new CronPlan.Decision(EVERY_5, CronPlan.Action.START),
                        new CronPlan.Decision(REPLACING, CronPlan.Action.REPLACE),
                        new CronPlan.Decision(FORBIDDING, CronPlan.Action.SKIP_RUNNING));
    }

    @Test
    void ignoresWhatRunsUnderOtherNames() {
        assertThat(CronPlan.decide(List.of(FORBIDDING), at("10:04:59"), at("10:05:00"), Set.of("five")))
                .containsExactly(new CronPlan.Decision(FORBIDDING, CronPlan.Action.START));
    }

    @Test
    void nextIsInUtcWithFiveFields() {
        assertThat(CronPlan.next("30 2 * * *", at("10:00:00"))).isEqualTo(Instant.parse("2026-12-05T02:30:00Z"));
        assertThat(CronPlan.scheduleProblem("*/5 * * * *")).isNull();
        assertThat(CronPlan.scheduleProblem("0 */5 * * * *")).isNotNull();
    }
}
