package dev.paas.controller.scale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import dev.paas.controller.app.App;
import org.junit.jupiter.api.Test;

class PausesTest {

    private static App app(Map<String, Integer> structure, Map<String, Integer> paused) {
        App app = new App() { };
        app.setStructure(structure);
        app.setPaused(paused);
        return app;
    }

    @Test
    void stopScalesToZeroAndKeepsTheCount() {
        App app = app(Map.of("web", 3, "worker", 1), Map.of());

        assertThat(Pauses.stop(app, List.of("web"))).containsExactly(Map.entry("web", 0));
        assertThat(app.getPaused()).containsExactly(Map.entry("web", 3));
    }

    @Test
    void startBringsBackTheKeptCountAndForgetsIt() {
        App app = app(Map.of("web", 0, "worker", 1), Map.of("web", 3));

        assertThat(Pauses.start(app, List.of("web"))).containsExactly(Map.entry("web", 3));
        assertThat(app.getPaused()).isEmpty();
    }

    @Test
    void stoppingTwiceStartingWhatWasNotStoppedOrStoppingNothingIsRefused() {
        assertThatThrownBy(() -> Pauses.stop(app(Map.of("web", 0), Map.of("web", 2)), List.of("web")))
                .hasMessageContaining("is already stopped (2 to start again)");
        assertThatThrownBy(() -> Pauses.start(app(Map.of("web", 2), Map.of()), List.of("web")))
                .hasMessageContaining("was not stopped with 'paas ps:stop'");
        assertThatThrownBy(() -> Pauses.stop(app(Map.of("web", 0), Map.of()), List.of("web")))
                .hasMessageContaining("No web processes");
        assertThatThrownBy(() -> Pauses.stop(app(Map.of("web", 1), Map.of()), List.of()))
                .hasMessageContaining("Give the process types");
    }
}
