package dev.paas.controller.release;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import dev.paas.controller.build.Build;
import org.junit.jupiter.api.Test;
import org.springframework.test.util.ReflectionTestUtils;

/**
 * When a change's release was replaced by a newer one before it served, the change answers with that newer release
 * only if it carries what the change made.
 */
class ReleaseChangesTest {

    static final Build BUILD = build(1);
    static final Map<String, String> BEFORE = Map.of("A", "1", "B", "2");

    @Test
    void aConfigChangeIsCarriedByALaterReleaseThatHasItsSettingsAmongOthers() {
        ReleaseChanges.Next set = new ReleaseChanges.Next(BUILD, Map.of("A", "1", "B", "2", "K0", "v0"), "Set K0");

        assertThat(ReleaseChanges.carries(BEFORE, BUILD, set, release(5, build(2), Map.of("A", "1", "B", "9",
                "K0", "v0", "K1", "v1")))).isTrue();
        assertThat(ReleaseChanges.carries(BEFORE, BUILD, set, release(5, BUILD, Map.of("A", "1", "B", "2")))).isFalse();
        assertThat(ReleaseChanges.carries(BEFORE, BUILD, set, release(5, BUILD, Map.of("K0", "other")))).isFalse();
    }

    @Test
    void anUnsetIsCarriedOnlyWhereTheVarIsAbsent() {
        ReleaseChanges.Next unset = new ReleaseChanges.Next(BUILD, Map.of("A", "1"), "Unset B");

        assertThat(ReleaseChanges.carries(BEFORE, BUILD, unset, release(5, BUILD, Map.of("A", "1", "C", "3")))).isTrue();
        assertThat(ReleaseChanges.carries(BEFORE, BUILD, unset, release(5, BUILD, Map.of("A", "1", "B", "2")))).isFalse();
    }

    @Test
    void aRollbackIsCarriedOnlyByAReleaseOfItsBuild() {
        Build older = build(9);
        ReleaseChanges.Next rollback = new ReleaseChanges.Next(older, BEFORE, "Rollback to v2");

        assertThat(ReleaseChanges.carries(BEFORE, BUILD, rollback, release(5, older, BEFORE))).isTrue();
        assertThat(ReleaseChanges.carries(BEFORE, BUILD, rollback, release(5, BUILD, BEFORE))).isFalse();
    }

    @Test
    void theReasonOfAReplacedReleaseNamesTheReleaseThatReplacedIt() {
        Release replaced = release(4, BUILD, BEFORE);
        replaced.replacedBy(6);
        Release crashed = release(5, BUILD, BEFORE);
        crashed.failed("v5 failed: web.1 exited before it became healthy: see 'paas logs'");

        assertThat(replaced.getFailure()).isEqualTo("v4 was replaced by v6 before it served");
        assertThat(replaced.replacedBy()).hasValue(6);
        assertThat(crashed.replacedBy()).isEmpty();
        assertThat(release(7, BUILD, BEFORE).replacedBy()).isEmpty();
    }

    private static Build build(long id) {
        Build build = new Build(1L, "a".repeat(40), "ana");
        ReflectionTestUtils.setField(build, "id", id);
        return build;
    }

    private static Release release(int version, Build build, Map<String, String> config) {
        return new Release(1L, version, build, config, "", "ana");
    }
}
