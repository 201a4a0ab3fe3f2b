package dev.paas.controller.user;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.paas.controller.TestPostgres;
import dev.paas.controller.user.Credentials.SignIn;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.jdbc.AutoConfigureTestDatabase;
import org.springframework.boot.test.autoconfigure.orm.jpa.DataJpaTest;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Two controllers' sign-in checks on one PostgreSQL (a database of its own): the first is the Spring context's
 * {@link Credentials}, the second another instance whose failures go through connections of its own, as another
 * controller's would. Before the throttle was shared, each kept its counts in memory and knew nothing of the other's.
 * Limits here: 4 per name, 6 per address.
 */
@DataJpaTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@Transactional(propagation = Propagation.NOT_SUPPORTED)
@Import({Credentials.class, LoginFailures.class, SharedLoginThrottleIT.Settings.class})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DirtiesContext
class SharedLoginThrottleIT {

    private static final String PASSWORD = "correct horse";

    /** The slice leaves out the application's scan for settings. */
    @EnableConfigurationProperties(LoginSettings.class)
    static class Settings {
    }

    static DriverManagerDataSource database;

    @Autowired
    Credentials first;
    @Autowired
    LoginFailures firstStore;
    @Autowired
    UserRepository users;
    @Autowired
    LoginSettings settings;

    JdbcTemplate jdbc;
    LoginFailures secondStore;
    Credentials second;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        database = (DriverManagerDataSource) TestPostgres.migratedDatabase("shared_login_throttle");
        registry.add("spring.datasource.url", database::getUrl);
        registry.add("spring.datasource.username", database::getUsername);
        registry.add("spring.datasource.password", database::getPassword);
        // The other test classes' contexts stay open with their pools: take few of PostgreSQL's 100 connections.
        registry.add("spring.datasource.hikari.maximum-pool-size", () -> "2");
        registry.add("paas.login.failures-per-user", () -> "4");
        registry.add("paas.login.failures-per-address", () -> "6");
    }

    @BeforeAll
    void secondControllerAndUsers() {
        jdbc = new JdbcTemplate(database);
        secondStore = new LoginFailures(jdbc);
        second = new Credentials(users, settings, secondStore);
        for (String name : List.of("ana", "cara")) {
            jdbc.update("INSERT INTO users (username, password_hash) VALUES (?, ?)", name, Passwords.hash(PASSWORD));
        }
    }

    @Test
    void failuresThroughOneControllerThrottleTheOtherForKnownAndUnknownNamesAlike() {
        for (String name : List.of("ana", "nobody")) {
            for (int i = 0; i < 2; i++) {
                assertThat(first.check(name, "guess-" + i, "192.0.2.1")).isInstanceOf(SignIn.Refused.class);
                assertThat(second.check(name, "guess-" + i, "192.0.2.2")).isInstanceOf(SignIn.Refused.class);
            }
            for (Credentials either : List.of(first, second)) {
                SignIn signIn = either.check(name.toUpperCase(), PASSWORD, "192.0.2.3");
                assertThat(signIn).as(name + ", even with the right password").isInstanceOf(SignIn.Throttled.class);
                assertThat(((SignIn.Throttled) signIn).seconds()).isBetween(800L, 930L);
            }
        }
    }

    @Test
    void aRightPasswordOnOneControllerClearsTheNamesCountOnTheOtherButNotTheAddresss() {
        for (int i = 0; i < 3; i++) {
            first.check("cara", "guess-" + i, "192.0.2.10");
        }
        assertThat(second.check("cara", PASSWORD, "192.0.2.10")).isInstanceOf(SignIn.Accepted.class);
        for (int i = 0; i < 3; i++) {
            assertThat(first.check("cara", "again-" + i, "192.0.2.11")).as("3 + 3 would be over 4, had it not cleared")
                    .isInstanceOf(SignIn.Refused.class);
        }
        assertThat(failures("address", "192.0.2.10")).isEqualTo(3);
        assertThat(failures("user", "cara")).isEqualTo(3);
    }

    @Test
    void anAddressTryingManyNamesThroughBothIsLimited() {
        for (int i = 0; i < 6; i++) {
            assertThat((i % 2 == 0 ? first : second).check("made-up-" + i, "guess", "192.0.2.20"))
                    .isInstanceOf(SignIn.Refused.class);
        }
        assertThat(first.check("someone-new", "guess", "192.0.2.20")).isInstanceOf(SignIn.Throttled.class);
        assertThat(second.check("someone-new", "guess", "192.0.2.20")).isInstanceOf(SignIn.Throttled.class);
        assertThat(second.check("someone-new", "guess", "192.0.2.21")).as("another address")
                .isInstanceOf(SignIn.Refused.class);
    }

    @Test
    void twoControllersRacingCountEveryFailure() throws Exception {
        Instant bucket = LoginThrottle.of(settings).bucketOf(Instant.now());
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (LoginFailures store : List.of(firstStore, secondStore)) {
                done.add(threads.submit(() -> {
                    start.await();
                    for (int i = 0; i < 100; i++) {
                        store.add("race", "192.0.2.30", bucket);
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            threads.shutdown();
        }
        assertThat(failures("user", "race")).isEqualTo(200);
        assertThat(failures("address", "192.0.2.30")).isEqualTo(200);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM login_failures WHERE key IN ('race', '192.0.2.30')",
                Integer.class)).as("one row per key and bucket").isEqualTo(2);
    }

    @Test
    void theSweepDeletesWhatNoLongerCountsThenTheOldestBeyondTheCap() {
        Instant ancient = Instant.parse("2020-01-01T00:00:00Z");
        for (int i = 0; i < 10; i++) {
            firstStore.add("sweep-" + i, "198.51.100." + i, ancient.plusSeconds(60L * i));
        }
        int others = rows() - 20;
        assertThat(secondStore.sweep(ancient.plusSeconds(60L * 4), Integer.MAX_VALUE))
                .as("the buckets at or before the horizon").isEqualTo(10);
        assertThat(secondStore.sweep(ancient, others + 6)).as("the oldest beyond the cap").isEqualTo(4);
        assertThat(jdbc.queryForList("SELECT key FROM login_failures WHERE key LIKE 'sweep-%' ORDER BY key",
                String.class)).containsExactly("sweep-7", "sweep-8", "sweep-9");
        assertThat(rows()).as("what still counts is kept").isEqualTo(others + 6);
    }

    private int failures(String scope, String key) {
        return jdbc.queryForObject("SELECT coalesce(sum(failures), 0) FROM login_failures WHERE scope = ? AND key = ?",
                Integer.class, scope, key);
    }

    private int rows() {
        return jdbc.queryForObject("SELECT count(*) FROM login_failures", Integer.class);
    }
}
