package dev.paas.controller.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import dev.paas.api.ObservedContainer;
import org.junit.jupiter.api.Test;

/** Given the last report that changed nothing, expect which report is a mere repeat. */
class UnchangedReportsTest {

    private final UnchangedReports reports = new UnchangedReports();
    private final List<ObservedContainer> up = List.of(new ObservedContainer("a.v1.web.1", "d1", "up", 20001));

    @Test
    void theSameReportAtTheSameVersionRepeats() {
        reports.unchanged("n1", up, 7);
        assertThat(reports.repeats("n1", List.of(new ObservedContainer("a.v1.web.1", "d1", "up", 20001)), 7)).isTrue();
    }

    @Test
    void anotherVersionAnotherReportOrAnotherNodeDoesNot() {
        reports.unchanged("n1", up, 7);
        assertThat(reports.repeats("n1", up, 8)).isFalse();
        assertThat(reports.repeats("n1", List.of(new ObservedContainer("a.v1.web.1", "d1", "exited", 20001)), 7))
                .isFalse();
        assertThat(reports.repeats("n1", List.of(), 7)).isFalse();
        assertThat(reports.repeats("n2", up, 7)).isFalse();
    }

    @Test
    void nothingRepeatsBeforeARememberedReportOrAfterItIsForgotten() {
        assertThat(reports.repeats("n1", up, 7)).isFalse();
        reports.unchanged("n1", up, 7);
        reports.forget("n1");
        assertThat(reports.repeats("n1", up, 7)).isFalse();
    }

    @Test
    void theReportKeptIsACopyTheCallerCannotChange() {
        List<ObservedContainer> mutable = new ArrayList<>(up);
        reports.unchanged("n1", mutable, 7);
        mutable.clear();
        assertThat(reports.repeats("n1", up, 7)).isTrue();
    }
}
