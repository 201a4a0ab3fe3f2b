package dev.paas.controller.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import dev.paas.controller.deploy.BuildOwnerWatch.Building;
import org.junit.jupiter.api.Test;

class BuildOwnerWatchTest {

    private static final long GRACE = BuildOwnerWatch.GRACE.toMillis();

    private final BuildOwnerWatch watch = new BuildOwnerWatch();

    @Test
    void failsTheBuildsOfAControllerMissingForTheGraceAndNoneOfALiveOne() {
        List<Building> building = List.of(new Building(1, "cdead0001"), new Building(2, "calive001"),
                new Building(3, "cdead0001"));
        Set<String> live = Set.of("calive001");

        assertThat(watch.look(building, live, 0)).as("first seen missing").isEmpty();
        assertThat(watch.look(building, live, 5_000)).isEmpty();
        assertThat(watch.look(building, live, GRACE)).containsExactly(1L, 3L);
    }

    @Test
    void doesNothingWhenEveryOwnerIsAlive() {
        List<Building> building = List.of(new Building(1, "ca"), new Building(2, "cb"));
        for (long t = 0; t <= 3 * GRACE; t += 5_000) {
            assertThat(watch.look(building, Set.of("ca", "cb", "cc"), t)).isEmpty();
        }
    }

    @Test
    void neverFailsABuildThatNamesNoController() {
        List<Building> building = List.of(new Building(7, null));
        for (long t = 0; t <= 3 * GRACE; t += 5_000) {
            assertThat(watch.look(building, Set.of(), t)).isEmpty();
        }
    }

    @Test
    void aControllerBackBeforeTheGraceStartsTheCountAgain() {
        List<Building> building = List.of(new Building(1, "cblip0001"));
        assertThat(watch.look(building, Set.of(), 0)).isEmpty();
        assertThat(watch.look(building, Set.of("cblip0001"), 5_000)).as("its lock connection is back").isEmpty();
        assertThat(watch.look(building, Set.of(), 10_000)).as("missing again: counted from now").isEmpty();
        assertThat(watch.look(building, Set.of(), 15_000)).isEmpty();
        assertThat(watch.look(building, Set.of(), 10_000 + GRACE)).containsExactly(1L);
    }

    @Test
    void looksTooFarApartStartTheCountAgain() {
        List<Building> building = List.of(new Building(1, "cgone0001"));
        assertThat(watch.look(building, Set.of(), 0)).isEmpty();
        long afterOutage = BuildOwnerWatch.MAX_GAP.toMillis() + 1;
        assertThat(watch.look(building, Set.of(), afterOutage)).as("missing before and after is not all along").isEmpty();
        assertThat(watch.look(building, Set.of(), afterOutage + GRACE)).containsExactly(1L);
    }

    @Test
    void aResetForgetsWhatItSaw() {
        List<Building> building = List.of(new Building(1, "cgone0001"));
        watch.look(building, Set.of(), 0);
        watch.reset();
        assertThat(watch.look(building, Set.of(), GRACE)).as("led again: counted from now").isEmpty();
        assertThat(watch.look(building, Set.of(), 2 * GRACE)).containsExactly(1L);
    }

    @Test
    void aNewBuildOfAControllerAlreadyMissingIsFailedWithTheOthers() {
        assertThat(watch.look(List.of(new Building(1, "cgone0001")), Set.of(), 0)).isEmpty();
        assertThat(watch.look(List.of(new Building(1, "cgone0001"), new Building(2, "cgone0001")), Set.of(), GRACE))
                .containsExactly(1L, 2L);
    }
}
