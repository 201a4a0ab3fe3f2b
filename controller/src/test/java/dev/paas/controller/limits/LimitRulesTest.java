package dev.paas.controller.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import dev.paas.api.FormationLimits;
import org.junit.jupiter.api.Test;

class LimitRulesTest {

    private static final FormationSettings NONE = FormationSettings.none("default");

    @Test
    void sizesAsUsersTypeThem() {
        assertThat(LimitRules.memoryMb("web", "512M")).isEqualTo(512);
        assertThat(LimitRules.memoryMb("web", "512mb")).isEqualTo(512);
        assertThat(LimitRules.memoryMb("web", "512")).isEqualTo(512);
        assertThat(LimitRules.memoryMb("web", "1G")).isEqualTo(1024);
        assertThat(LimitRules.memoryMb("web", "1.5G")).isEqualTo(1536);
        assertThat(LimitRules.cpuMillis("web", "0.5")).isEqualTo(500);
        assertThat(LimitRules.cpuMillis("web", "2")).isEqualTo(2000);
        assertThat(LimitRules.cpus(1500)).isEqualTo("1.5");
    }

    @Test
    void badSizesAreRefusedWithWhatToType() {
        assertThatThrownBy(() -> LimitRules.memoryMb("web", "abc")).hasMessage(
                "Memory 'abc' for web is invalid: give a size such as 512M or 1G.");
        assertThatThrownBy(() -> LimitRules.memoryMb("web", "1M")).hasMessage(
                "Memory 1M for web is too small: at least 32M.");
        assertThatThrownBy(() -> LimitRules.memoryMb("web", "-5M")).hasMessageContaining("is invalid");
        assertThatThrownBy(() -> LimitRules.memoryMb("web", "2T")).hasMessageContaining("is invalid");
        assertThatThrownBy(() -> LimitRules.cpuMillis("web", "-0.5")).hasMessage(
                "CPU '-0.5' for web is invalid: give a positive number of CPUs such as 0.5 or 2.");
        assertThatThrownBy(() -> LimitRules.cpuMillis("web", "0")).hasMessageContaining("too small");
        assertThatThrownBy(() -> LimitRules.checkType("Web;rm")).hasMessageContaining("Process type 'Web;rm' is invalid");
    }

    @Test
    void theAppsLimitThenTheFormationsDefaultThenThePlatforms() {
        FormationSettings prod = new FormationSettings("prod", 384, null, 1000, null, null);
        assertThat(LimitRules.effective("web", Map.of("web", 512), Map.of(), prod, 256))
                .isEqualTo(new ProcessLimits(512, 1000));
        assertThat(LimitRules.effective("worker", Map.of("web", 512), Map.of("worker", 250), prod, 256))
                .isEqualTo(new ProcessLimits(384, 250));
        assertThat(LimitRules.effective("worker", Map.of(), Map.of(), NONE, 256)).isEqualTo(new ProcessLimits(256, 0));
    }

    @Test
    void moreThanTheFormationAllowsOrAnyNodeHoldsIsRefused() {
        FormationSettings prod = new FormationSettings("prod", null, 2048, null, 2000, null);
        assertThatThrownBy(() -> LimitRules.check(Map.of("web", 4096), Map.of(), prod, 8000, 4000))
                .hasMessage("Memory 4096 MB for web is more than formation prod allows: at most 2048 MB.");
        assertThatThrownBy(() -> LimitRules.check(Map.of("web", 2048), Map.of(), NONE, 1800, 4000))
                .hasMessage("Memory 2048 MB for web is more than any runtime node of formation default holds: the most"
                        + " one offers is 1800 MB.");
        assertThatThrownBy(() -> LimitRules.check(Map.of(), Map.of("web", 3000), prod, 8000, 4000))
                .hasMessage("CPU 3 for web is more than formation prod allows: at most 2.");
        assertThatThrownBy(() -> LimitRules.check(Map.of(), Map.of("web", 3000), NONE, 8000, 2000))
                .hasMessageContaining("the most one offers is 2.");
        LimitRules.check(Map.of("web", 2048), Map.of("web", 2000), prod, 2048, 2000);
        // A formation without nodes yet refuses nothing for their size: placement will say so.
        LimitRules.check(Map.of("web", 2048), Map.of("web", 2000), NONE, 0, 0);
    }

    @Test
    void aFormationsSettingsChangeWholeOrNotAtAll() {
        FormationSettings now = new FormationSettings("prod", 256, 2048, null, null, null);
        assertThat(FormationLimitRules.apply(now, new FormationLimits("prod", null, "4G", "0.5", "none", "2")))
                .isEqualTo(new FormationSettings("prod", 256, 4096, 500, null, 2.0));
        assertThat(FormationLimitRules.apply(now, new FormationLimits("prod", "none", null, null, null, null)))
                .isEqualTo(new FormationSettings("prod", null, 2048, null, null, null));
        assertThatThrownBy(() -> FormationLimitRules.apply(now, new FormationLimits("prod", "4G", null, null, null, null)))
                .hasMessage("The default memory 4096 MB is more than the maximum 2048 MB.");
        assertThatThrownBy(() -> FormationLimitRules.apply(now, new FormationLimits("prod", null, null, null, null, "9")))
                .hasMessageContaining("Overcommit '9' is invalid");
    }
}
