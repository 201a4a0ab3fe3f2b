package dev.paas.controller.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import dev.paas.controller.ChangeFeed;
import dev.paas.controller.PaasProperties;
import dev.paas.controller.formation.Formations;
import dev.paas.controller.route.RouterAcks;
import dev.paas.controller.quota.Quotas;
import dev.paas.controller.user.User;
import dev.paas.controller.web.ApiException;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/** Creating and destroying apps, keeping the database row and the bare repository together. */
@Service
public class AppService {

    private final AppRepository apps;
    private final Formations formations;
    private final PaasProperties properties;
    private final ChangeFeed feed;
    private final RouterAcks routers;
    private final TransactionTemplate tx;
    private final ApplicationEventPublisher events;
    private final Quotas quotas;

    AppService(AppRepository apps, Formations formations, PaasProperties properties, ChangeFeed feed,
               RouterAcks routers, TransactionTemplate tx, ApplicationEventPublisher events, Quotas quotas) {
        this.quotas = quotas;
        this.apps = apps;
        this.formations = formations;
        this.properties = properties;
        this.feed = feed;
        this.routers = routers;
        this.tx = tx;
        this.events = events;
    }

    /** @param formation where the app runs; null for the default formation */
    public App create(String name, String formation, User owner) {
        String problem = AppNames.problem(name);
        if (!problem.isEmpty()) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, problem);
        }
        if (apps.findByName(name).isPresent()) {
            throw ApiException.conflict("App name '" + name + "' is already taken: choose another.");
        }
        String formationName = formation == null || formation.isBlank() ? "default" : formation.strip();
        long formationId = formations.idOf(formationName).orElseThrow(() -> new ApiException(
                HttpStatus.UNPROCESSABLE_ENTITY, "Unknown formation '" + formationName
                + "': 'paas formations' lists them, an admin adds one with 'paas formations:create NAME'."));
        Path repo = repository(name);
        // The row commits only if the repository was made, so a failure leaves neither behind.
        return tx.execute(status -> {
            // In the transaction that adds the app, holding the owner's lock: two creates cannot both pass it.
            quotas.checkNewApp(owner);
            App app = apps.saveAndFlush(new App(name, owner, formationId));
            try {
                deleteRecursively(repo);
                Git.init().setBare(true).setDirectory(repo.toFile()).setInitialBranch("master").call().close();
            } catch (GitAPIException e) {
                throw new IllegalStateException("Could not create the git repository for " + name + ": " + e.getMessage(), e);
            }
            return app;
        });
    }

    public String formationName(App app) {
        return formations.nameOf(app.getFormationId());
    }

    /**
     * Removes the app and everything it owns; returns once routers stop routing it (or after a short wait).
     * Its build cache and images go too ({@link AppDestroyed}).
     */
    public void destroy(App app) throws InterruptedException {
        tx.executeWithoutResult(status -> apps.deleteById(app.getId()));
        routers.awaitAcknowledged(feed.bump(), app.getFormationId(), Duration.ofSeconds(10));
        deleteRecursively(repository(app.getName()));
        events.publishEvent(new AppDestroyed(app.getName()));
    }

    public Path repository(String name) {
        return properties.reposDir().resolve(name + ".git");
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            List<Path> all = paths.sorted(Comparator.reverseOrder()).toList();
            for (Path p : all) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not delete " + dir, e);
        }
    }
}
