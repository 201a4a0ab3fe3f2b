package dev.paas.controller.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paas.api.LimitsView;
import org.junit.jupiter.api.Test;

/** Given a process type's limits, expect the words the app page shows beside its scale form. */
class ViewsTest {

    @Test
    void aTypeNobodySizedShowsTheDefaultAndSharedCpu() {
        assertThat(Views.limits(new LimitsView.ProcessLimit("web", 256, 0, "default")))
                .isEqualTo("256 MB, shared CPU (default)");
    }

    @Test
    void aTypeSizedForTheAppShowsItsMemoryAndCpus() {
        assertThat(Views.limits(new LimitsView.ProcessLimit("worker", 1024, 500, "app")))
                .isEqualTo("1024 MB, 0.5 CPU (set for the app)");
    }
}
