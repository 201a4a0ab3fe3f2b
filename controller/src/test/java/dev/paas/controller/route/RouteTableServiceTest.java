package dev.paas.controller.route;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import dev.paas.controller.release.Release;
import org.junit.jupiter.api.Test;

/** Which web containers take an app's traffic, given the current release's and the older ones' up containers. */
class RouteTableServiceTest {

    @Test
    void olderReleasesServeUntilEveryNewWebContainerIsUp() {
        assertThat(RouteTableService.serving(2, List.of(), List.of("v1.web.1", "v1.web.2")))
                .containsExactly("v1.web.1", "v1.web.2");
        assertThat(RouteTableService.serving(2, List.of("v2.web.1"), List.of("v1.web.1", "v1.web.2")))
                .containsExactly("v1.web.1", "v1.web.2");
        assertThat(RouteTableService.serving(2, List.of("v2.web.1", "v2.web.2"), List.of("v1.web.1", "v1.web.2")))
                .containsExactly("v2.web.1", "v2.web.2");
    }

    @Test
    void withNothingOlderUpEachNewContainerServesAsSoonAsItIsUp() {
        // A first deploy, a scale-up of the release that serves, or an old release that crashed meanwhile.
        assertThat(RouteTableService.serving(6, List.of("v1.web.1"), List.of())).containsExactly("v1.web.1");
        assertThat(RouteTableService.serving(6, List.of("v1.web.1", "v1.web.4"), List.of()))
                .containsExactly("v1.web.1", "v1.web.4");
    }

    @Test
    void theTableReadsTheCurrentReleaseByTheOneRuleTheRepositoryUses() {
        // ReleaseRepository.current is a native query made of the same constant.
        assertThat(RouteTableService.TABLE_SQL).contains("AND " + Release.CURRENT_SQL);
    }

    @Test
    void nothingUpServesNothing() {
        assertThat(RouteTableService.serving(2, List.of(), List.of())).isEmpty();
        assertThat(RouteTableService.serving(0, List.of(), List.of("v1.web.1"))).containsExactly("v1.web.1");
    }
}
