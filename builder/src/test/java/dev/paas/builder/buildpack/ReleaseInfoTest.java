package dev.paas.builder.buildpack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class ReleaseInfoTest {

    @Test
    void readsDefaultProcessTypesInOrderAndTheRunImage() {
        ReleaseInfo info = ReleaseInfo.parse("""
                ---
                addons: []
                config_vars:
                  LANG: C.UTF-8
                run_image: paas/run-node:bookworm
                default_process_types:
                  web: node index.js --port $PORT
                  worker: "node worker.js"
                """);

        assertThat(info.defaultProcessTypes()).containsExactly(Map.entry("web", "node index.js --port $PORT"),
                Map.entry("worker", "node worker.js"));
        assertThat(info.runImage()).isEqualTo("paas/run-node:bookworm");
    }

    @Test
    void emptyOrOddOutputMeansNoDefaultsAndNoImage() {
        assertThat(ReleaseInfo.parse("")).isEqualTo(new ReleaseInfo(Map.of(), null));
        ReleaseInfo odd = ReleaseInfo.parse("run_image: Not An Image!\ndefault_process_types:\n  bad name: x\n");
        assertThat(odd.runImage()).isNull();
        assertThat(odd.defaultProcessTypes()).isEmpty();
    }
}
