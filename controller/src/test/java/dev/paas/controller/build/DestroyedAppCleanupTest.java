package dev.paas.controller.build;

import java.util.Optional;

import dev.paas.builder.build.BuildCache;
import dev.paas.builder.build.BuildpackBuilder;
import dev.paas.controller.app.App;
import dev.paas.controller.app.AppRepository;
import org.junit.jupiter.api.Test;

import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

class DestroyedAppCleanupTest {

    private final AppImages images = mock(AppImages.class);
    private final AppRepository apps = mock(AppRepository.class);
    private final DestroyedAppCleanup cleanup = new DestroyedAppCleanup(mock(BuildCache.class),
            mock(BuildpackBuilder.class), images, apps);

    @Test
    void removesTheImagesOfAnAppThatStaysGone() {
        when(apps.findByName("web")).thenReturn(Optional.empty());
        when(images.forget("web")).thenReturn(0);

        cleanup.removeImages("web");

        verify(images).forget("web");
    }

    @Test
    void leavesTheImagesOfAnAppCreatedAgainUnderTheSameName() {
        when(apps.findByName("web")).thenReturn(Optional.of(mock(App.class)));

        cleanup.removeImages("web");

        verify(images, never()).forget("web");
    }

    @Test
    void stopsRetryingOnceTheNameIsTakenAgain() {
        // Still in use at the first attempt; the name is taken before the second.
        when(apps.findByName("web")).thenReturn(Optional.empty(), Optional.of(mock(App.class)));
        when(images.forget("web")).thenReturn(1);

        cleanup.removeImages("web");

        verify(images, times(1)).forget("web");
    }
}
