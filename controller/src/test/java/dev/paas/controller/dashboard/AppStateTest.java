package dev.paas.controller.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import dev.paas.api.ProcessStatus;
import org.junit.jupiter.api.Test;

class AppStateTest {

    static ProcessStatus process(String name, String state) {
        return new ProcessStatus(name, name.substring(0, name.indexOf('.')), 1, state, 3, "node", Instant.EPOCH);
    }

    @Test
    void namesTheAppsStateFromItsReleaseAndProcesses() {
        assertThat(AppState.of(null, List.of())).isEqualTo("not deployed");
        assertThat(AppState.of(3, List.of())).isEqualTo("stopped");
        assertThat(AppState.of(3, List.of(process("web.1", "stopping")))).isEqualTo("stopped");
        assertThat(AppState.of(3, List.of(process("web.1", "up"), process("web.2", "up")))).isEqualTo("up");
        assertThat(AppState.of(3, List.of(process("web.1", "up"), process("web.2", "starting")))).isEqualTo("starting");
        assertThat(AppState.of(3, List.of(process("web.1", "up"), process("worker.1", "crashed")))).isEqualTo("crashed");
        assertThat(AppState.of(3, List.of(process("web.1", "unhealthy")))).isEqualTo("crashed");
        assertThat(AppState.of(3, List.of(process("web.1", "up"), process("web.2", "stopping")))).isEqualTo("up");
    }
}
