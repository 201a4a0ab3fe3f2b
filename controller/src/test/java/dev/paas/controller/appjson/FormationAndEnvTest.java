package dev.paas.controller.appjson;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** Given the file, what app.json applied last and the app's state, expect the counts and variables a push sets. */
class FormationAndEnvTest {

    static final Set<String> TYPES = Set.of("web", "worker");

    @Test
    void theFirstDeployTakesTheFilesQuantities() {
        assertThat(FormationDecision.decide(Map.of("web", 2, "worker", 1), Map.of(), Map.of(), TYPES))
                .isEqualTo(Map.of("web", 2, "worker", 1));
    }

    @Test
    void aScaleByHandIsKeptWhileTheFileDoesNotChange() {
        assertThat(FormationDecision.decide(Map.of("web", 2), Map.of("web", 2), Map.of("web", 3), TYPES))
                .isEqualTo(Map.of("web", 3));
    }

    @Test
    void aChangedQuantityIsAppliedAndOnlyForItsType() {
        assertThat(FormationDecision.decide(Map.of("web", 4, "worker", 1), Map.of("web", 2, "worker", 1),
                Map.of("web", 3, "worker", 5), TYPES)).isEqualTo(Map.of("web", 4, "worker", 5));
    }

    @Test
    void typesTheBuildLacksAreLeftOut() {
        assertThat(FormationDecision.decide(Map.of("clock", 1), Map.of(), Map.of("web", 1), TYPES))
                .isEqualTo(Map.of("web", 1));
    }

    @Test
    void theFirstDeploySetsEverySizeOfTheBuildsTypes() {
        assertThat(FormationDecision.sizes(Map.of("web", 1024, "clock", 512), Map.of(), TYPES))
                .isEqualTo(Map.of("web", 1024));
    }

    @Test
    void aSizeAppliedBeforeIsNotSetAgainSoLimitsSetByHandAreKept() {
        assertThat(FormationDecision.sizes(Map.of("web", 1024), Map.of("web", 1024), TYPES)).isEmpty();
    }

    @Test
    void aChangedSizeIsSetAndOnlyForItsType() {
        assertThat(FormationDecision.sizes(Map.of("web", 2560, "worker", 512), Map.of("web", 1024, "worker", 512),
                TYPES)).isEqualTo(Map.of("web", 2560));
    }

    @Test
    void whatWasAppliedKeepsOlderTypesAndTakesTheFilesForTheBuildsTypes() {
        assertThat(FormationDecision.applied(Map.of("web", 2560, "clock", 512), Map.of("web", 1024, "old", 96), TYPES))
                .isEqualTo(Map.of("web", 2560, "old", 96));
    }

    @Test
    void envAddsValuesAndSecretsAndNeverOverwrites() {
        Map<String, AppJson.EnvVar> spec = new LinkedHashMap<>();
        spec.put("GREETING", new AppJson.EnvVar("hi", true, null, null));
        spec.put("KEPT", new AppJson.EnvVar("file", true, null, null));
        spec.put("SECRET_KEY", new AppJson.EnvVar(null, true, null, "secret"));
        spec.put("OPTIONAL", new AppJson.EnvVar(null, false, null, null));
        FirstDeployEnv.Result result = FirstDeployEnv.decide(spec, Map.of("KEPT", "mine"), () -> "s3cr3t");
        assertThat(result.added()).containsExactly(Map.entry("GREETING", "hi"), Map.entry("SECRET_KEY", "s3cr3t"));
        assertThat(result.missing()).isEmpty();
    }

    @Test
    void aRequiredVariableWithoutValueIsMissingWithItsDescription() {
        Map<String, AppJson.EnvVar> spec = new LinkedHashMap<>();
        spec.put("API_TOKEN", new AppJson.EnvVar(null, true, "the partner API's token", null));
        spec.put("EMPTY", new AppJson.EnvVar("", true, null, null));
        spec.put("GIVEN", new AppJson.EnvVar(null, true, null, null));
        FirstDeployEnv.Result result = FirstDeployEnv.decide(spec, Map.of("GIVEN", "x"), () -> "unused");
        assertThat(result.missing()).isEqualTo(List.of("API_TOKEN (the partner API's token)", "EMPTY"));
        assertThat(result.added()).isEmpty();
    }
}
