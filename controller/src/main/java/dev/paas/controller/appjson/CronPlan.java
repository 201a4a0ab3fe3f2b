package dev.paas.controller.appjson;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.springframework.scheduling.support.CronExpression;

/**
 * When cron entries run, decided without a clock or a container: given the entries, the window since the last tick
 * and which entries still run, which to start. Schedules are Unix cron's five fields (or a macro such as
 * {@code @hourly}), in UTC; Spring's {@link CronExpression} reads them with seconds set to 0.
 */
public final class CronPlan {

    /** What a tick does with one entry. */
    public enum Action { START, SKIP_RUNNING, REPLACE }

    public record Decision(AppJson.CronEntry entry, Action action) {
    }

    private CronPlan() {
    }

    /**
     * The entries due in {@code (from, to]}: each at most once however many of its times fell in the window (a
     * controller that was stopped does not catch up), started unless it still runs: then {@code forbid} skips it,
     * {@code replace} stops the running one first, {@code allow} starts another.
     */
    public static List<Decision> decide(List<AppJson.CronEntry> entries, Instant from, Instant to, Set<String> running) {
        List<Decision> decisions = new ArrayList<>();
        for (AppJson.CronEntry entry : entries) {
            Instant next = next(entry.schedule(), from);
            if (next == null || next.isAfter(to)) {
                continue;
            }
            Action action = Action.START;
            if (running.contains(entry.name())) {
                action = switch (entry.concurrencyPolicy()) {
                    case "forbid" -> Action.SKIP_RUNNING;
                    case "replace" -> Action.REPLACE;
                    default -> Action.START;
                };
            }
            decisions.add(new Decision(entry, action));
        }
        return decisions;
    }

    /** The first time after {@code after} the schedule names, or null if it names none. */
    public static Instant next(String schedule, Instant after) {
        ZonedDateTime next = expression(schedule).next(after.atZone(ZoneOffset.UTC));
        return next == null ? null : next.toInstant();
    }

    /** Why a schedule is refused, or null. */
    static String scheduleProblem(String schedule) {
        String s = schedule.strip();
        if (!s.startsWith("@") && s.split("\\s+").length != 5) {
            return "give five fields (minute hour day-of-month month day-of-week), e.g. */5 * * * *";
        }
        try {
            expression(s);
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    private static CronExpression expression(String schedule) {
        String s = schedule.strip();
        return CronExpression.parse(s.startsWith("@") ? s : "0 " + s);
    }
}
