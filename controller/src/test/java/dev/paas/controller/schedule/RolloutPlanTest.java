package dev.paas.controller.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.paas.controller.schedule.RolloutAction.Delete;
import dev.paas.controller.schedule.RolloutAction.Fail;
import dev.paas.controller.schedule.RolloutAction.HandOver;
import dev.paas.controller.schedule.RolloutAction.Replaced;
import dev.paas.controller.schedule.RolloutAction.RevertConfig;
import dev.paas.controller.schedule.RolloutAction.Succeed;
import dev.paas.controller.schedule.RolloutAction.Switched;
import dev.paas.controller.schedule.RolloutPlan.AppState;
import dev.paas.controller.schedule.RolloutPlan.ContainerState;
import dev.paas.controller.schedule.RolloutPlan.ReleaseState;
import org.junit.jupiter.api.Test;

/** Given an app's releases, containers and the routers' acknowledgements, expect these rollout actions. */
class RolloutPlanTest {

    static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");
    static final Duration TIMEOUT = Duration.ofSeconds(90);
    static final long FEED = 40;
    static final long APP = 7;

    static final ReleaseState V1 = release(1, 1, false, Map.of("GREETING", "hi"));
    static final ReleaseState V2 = release(2, 2, true, Map.of("GREETING", "hello"));

    @Test
    void doesNothingWhenInSync() {
        AppState app = app(V1, null, List.of(), up(11, V1, "web", 1), up(12, V1, "worker", 1));

        assertThat(plan(app, Long.MAX_VALUE, Map.of())).isEmpty();
    }

    @Test
    void ignoresAppsThatAreNotDeploying() {
        AppState serving = new AppState(8, 1L, V1, null, List.of(), List.of(container(21, V1, "web", 1, "exited", 30)));
        AppState deploying = app(V2, V1, List.of(V2), up(11, V1, "web", 1), container(12, V2, "web", 1, "exited", 10));

        assertThat(plan(List.of(serving, deploying), Long.MAX_VALUE, Map.of())).containsExactly(
                new Delete(12), new Fail(2, "v2 failed: web.1 exited before it became healthy: see 'paas logs'"),
                new RevertConfig(APP, Map.of("GREETING", "hi")));
    }

    @Test
    void waitsWhileNewContainersStart() {
        AppState app = app(V2, V1, List.of(V2), up(11, V1, "web", 1), up(12, V2, "web", 1),
                container(13, V2, "web", 2, "starting", 3), container(14, V2, "web", 3, "pending", 3));

        assertThat(plan(app, Long.MAX_VALUE, Map.of())).isEmpty();
    }

    @Test
    void aContainerSeenExitedOnlyForAMomentIsStillStarting() {
        AppState app = app(V2, V1, List.of(V2), up(11, V1, "web", 1), container(12, V2, "web", 1, "exited", 1));

        assertThat(plan(app, Long.MAX_VALUE, Map.of())).isEmpty();
    }

    @Test
    void failsOnExitDeletingOnlyTheNewContainersAndRevertingTheConfigToTheReleaseThatKeepsServing() {
        AppState app = app(V2, V1, List.of(V2), up(11, V1, "web", 1), up(12, V2, "web", 1),
                container(13, V2, "worker", 1, "exited", 6));

        assertThat(plan(app, Long.MAX_VALUE, Map.of())).containsExactly(new Delete(12), new Delete(13),
                new Fail(2, "v2 failed: worker.1 exited before it became healthy: see 'paas logs'"),
                new RevertConfig(APP, Map.of("GREETING", "hi")));
    }

    @Test
    void failsWhenUnhealthy() {
        AppState app = app(V2, V1, List.of(V2), up(11, V1, "web", 1), container(12, V2, "web", 1, "unhealthy", 0));

        assertThat(plan(app, Long.MAX_VALUE, Map.of())).containsExactly(new Delete(12),
                new Fail(2, "v2 failed: web.1 failed every attempt of its health check"),
                new RevertConfig(APP, Map.of("GREETING", "hi")));
    }

    @Test
    void failsWhenNotUpWithinTheTimeout() {
        ReleaseState old = new ReleaseState(2, 2, true, NOW.minus(TIMEOUT).minusSeconds(1), Map.of());
        AppState app = app(old, V1, List.of(old), up(11, V1, "web", 1), container(12, old, "web", 1, "starting", 60));

        assertThat(plan(app, Long.MAX_VALUE, Map.of())).containsExactly(new Delete(12),
                new Fail(2, "v2 failed: not healthy within 90s: web.1 is still starting"),
                new RevertConfig(APP, Map.of("GREETING", "hi")));
    }

    @Test
    void aFirstReleaseThatFailsHasNoConfigToGoBackTo() {
        ReleaseState first = release(1, 1, true, Map.of("GREETING", "hi"));
        AppState app = app(first, null, List.of(first), container(11, first, "web", 1, "unhealthy", 0));

        assertThat(plan(app, Long.MAX_VALUE, Map.of())).containsExactly(new Delete(11),
                new Fail(1, "v1 failed: web.1 failed every attempt of its health check"));
    }

    @Test
    void switchesWhenEveryNewContainerIsUpThenWaitsForTheRouters() {
        AppState app = app(V2, V1, List.of(V2), up(11, V1, "web", 1), up(12, V2, "web", 1), up(13, V2, "web", 2));

        assertThat(plan(app, FEED - 1, Map.of())).containsExactly(new Switched(2, FEED));
        assertThat(plan(app, FEED - 1, Map.of(2L, FEED))).isEmpty();
    }

    @Test
    void retiresTheOldContainersOnlyOnceEveryRouterAcknowledgedTheSwitch() {
        AppState app = app(V2, V1, List.of(V2), up(11, V1, "web", 1), up(12, V1, "web", 2), up(13, V2, "web", 1));

        assertThat(plan(app, 37, Map.of(2L, 38L))).isEmpty();
        assertThat(plan(app, 38, Map.of(2L, 38L))).containsExactly(new Delete(11), new Delete(12), new Succeed(2));
    }

    @Test
    void succeedsAtOnceWhenTheRoutersAlreadyServeTheSwitch() {
        AppState app = app(V2, V1, List.of(V2), up(11, V1, "web", 1), up(13, V2, "web", 1));

        assertThat(plan(app, FEED, Map.of())).containsExactly(new Switched(2, FEED), new Delete(11), new Succeed(2));
    }

    @Test
    void olderReleasesStillDeployingAreReplacedWhenANewerOneServes() {
        ReleaseState v3 = release(3, 3, true, Map.of("GREETING", "hello", "DEBUG", "1"));
        AppState app = app(v3, V2, List.of(V2, v3), up(11, V1, "web", 1), container(12, V2, "web", 1, "starting", 2),
                up(13, v3, "web", 1));

        assertThat(plan(app, FEED, Map.of(3L, FEED))).containsExactly(new Delete(11), new Delete(12),
                new Replaced(2, 3), new Succeed(3));
    }

    @Test
    void aWorkerOnlyReleaseSucceedsWhenItsWorkersAreUp() {
        AppState app = app(V2, V1, List.of(V2), up(11, V1, "worker", 1), container(12, V2, "worker", 1, "starting", 1));

        assertThat(plan(app, FEED, Map.of())).isEmpty();
        AppState upNow = app(V2, V1, List.of(V2), up(11, V1, "worker", 1), up(12, V2, "worker", 1));
        assertThat(plan(upNow, FEED, Map.of())).containsExactly(new Switched(2, FEED), new Delete(11), new Succeed(2));
    }

    @Test
    void aDrainedContainerHandsOverWhenItsReplacementIsUp() {
        ContainerState original = up(11, V1, "web", 1);
        ContainerState starting = replacement(12, 11, "starting");

        assertThat(plan(app(V1, null, List.of(), original, starting), Long.MAX_VALUE, Map.of())).isEmpty();
        assertThat(plan(app(V1, null, List.of(), original, replacement(12, 11, "up")), Long.MAX_VALUE, Map.of()))
                .containsExactly(new HandOver(12, 11L, FEED));
    }

    @Test
    void aReplacementWhoseOriginalIsGoneStillStopsBeingOne() {
        assertThat(plan(app(V1, null, List.of(), replacement(12, 11, "up")), Long.MAX_VALUE, Map.of()))
                .containsExactly(new HandOver(12, null, FEED));
    }

    @Test
    void aRetiringContainerIsDeletedOnlyAfterEveryRouterServesATableWithoutIt() {
        ContainerState retiring = new ContainerState(11, 1, "web", 3, "up", true, NOW, 30L, null);
        AppState app = app(V1, null, List.of(), up(12, V1, "web", 1), retiring);

        assertThat(plan(app, 30, Map.of())).isEmpty();
        assertThat(plan(app, 31, Map.of())).containsExactly(new Delete(11));
    }

    @Test
    void aDestroyedAppsRetiringContainersWaitForEveryRouter() {
        ContainerState retiring = new ContainerState(11, 1, "web", 1, "up", true, NOW, 30L, null);
        AppState gone = new AppState(APP, null, null, null, List.of(), List.of(retiring));
        RolloutPlan.Acks formationOnly = (version, formation) -> formation != null;

        assertThat(RolloutPlan.plan(snapshot(List.of(gone), formationOnly, Map.of()))).isEmpty();
        assertThat(plan(gone, 31, Map.of())).containsExactly(new Delete(11));
    }

    private static List<RolloutAction> plan(AppState app, long acknowledged, Map<Long, Long> switchedAt) {
        return plan(List.of(app), acknowledged, switchedAt);
    }

    private static List<RolloutAction> plan(List<AppState> apps, long acknowledged, Map<Long, Long> switchedAt) {
        return RolloutPlan.plan(snapshot(apps, (version, formation) -> version <= acknowledged, switchedAt));
    }

    private static RolloutPlan.Snapshot snapshot(List<AppState> apps, RolloutPlan.Acks acks, Map<Long, Long> switchedAt) {
        return new RolloutPlan.Snapshot(NOW, FEED, TIMEOUT, acks, switchedAt, apps);
    }

    private static AppState app(ReleaseState current, ReleaseState fallback, List<ReleaseState> deploying,
                                ContainerState... containers) {
        return new AppState(APP, 1L, current, fallback, deploying, List.of(containers));
    }

    private static ReleaseState release(long id, int version, boolean deploying, Map<String, String> config) {
        return new ReleaseState(id, version, deploying, NOW.minusSeconds(10), config);
    }

    private static ContainerState up(long id, ReleaseState release, String type, int index) {
        return container(id, release, type, index, "up", 60);
    }

    private static ContainerState container(long id, ReleaseState release, String type, int index, String state,
                                            int secondsInState) {
        return new ContainerState(id, release.id(), type, index, state, state.equals("up"),
                NOW.minusSeconds(secondsInState), null, null);
    }

    private static ContainerState replacement(long id, long replaces, String state) {
        return new ContainerState(id, 1, "web", 1, state, state.equals("up"), NOW.minusSeconds(1), null, replaces);
    }
}
