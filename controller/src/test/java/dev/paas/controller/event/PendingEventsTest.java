package dev.paas.controller.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import dev.paas.api.LogLine;
import org.junit.jupiter.api.Test;

/** The queue of report events: in order, in batches, and bounded (a whole emit dropped, and counted). */
class PendingEventsTest {

    @Test
    void takesTheOldestFirstInBatchesOfAtMostTheLimit() {
        PendingEvents pending = new PendingEvents(10);
        assertThat(pending.add(List.of(line("a"), line("b")))).isTrue();
        assertThat(pending.add(List.of(line("c")))).isTrue();
        assertThat(pending.take(2)).extracting(LogLine::text).containsExactly("a", "b");
        assertThat(pending.take(2)).extracting(LogLine::text).containsExactly("c");
        assertThat(pending.take(2)).isEmpty();
    }

    @Test
    void anEmitThatDoesNotFitIsDroppedWholeAndCounted() {
        PendingEvents pending = new PendingEvents(3);
        assertThat(pending.add(List.of(line("a"), line("b")))).isTrue();
        assertThat(pending.add(List.of(line("c"), line("d")))).isFalse();
        assertThat(pending.add(List.of(line("e")))).isTrue();
        assertThat(pending.take(10)).extracting(LogLine::text).containsExactly("a", "b", "e");
        assertThat(pending.takeDropped()).isEqualTo(2);
        assertThat(pending.takeDropped()).isZero();
    }

    private static LogLine line(String text) {
        return PlatformEvents.event("hello", "web.1", 1, text);
    }
}
