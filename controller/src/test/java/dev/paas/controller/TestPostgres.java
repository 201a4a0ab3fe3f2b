package dev.paas.controller;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * One real PostgreSQL for all the controller's integration tests, from the image deploy/lib/images.sh builds
 * locally (nothing is pulled).
 */
public final class TestPostgres {

    private static final PostgreSQLContainer<?> POSTGRES = new PostgreSQLContainer<>(
            DockerImageName.parse("paas/postgres:15").asCompatibleSubstituteFor("postgres"));

    private TestPostgres() {
    }

    public static synchronized void register(DynamicPropertyRegistry registry) {
        start();
        registry.add("spring.datasource.url", POSTGRES::getJdbcUrl);
        registry.add("spring.datasource.username", POSTGRES::getUsername);
        registry.add("spring.datasource.password", POSTGRES::getPassword);
        // Several test classes' controllers share this database in one JVM, each in its own Spring context: with the
        // leader lock, the first context would lead for the whole run and the others' rollouts would never move.
        registry.add("paas.cluster.enabled", () -> "false");
        // They share the sign-in throttle too (it is in the database), and every one signs in from 127.0.0.1: the
        // address's count would be the sum of every class's failures. The per-name limit stays as it ships.
        registry.add("paas.login.failures-per-address", () -> "1000");
    }

    /**
     * A new database of its own in the same PostgreSQL, with the Flyway schema: for a test of one store without the
     * rest of the controller, whose data no other test class sees.
     */
    public static synchronized DataSource migratedDatabase(String name) {
        start();
        JdbcTemplate admin = new JdbcTemplate(new DriverManagerDataSource(POSTGRES.getJdbcUrl(), POSTGRES.getUsername(),
                POSTGRES.getPassword()));
        admin.execute("DROP DATABASE IF EXISTS " + name);
        admin.execute("CREATE DATABASE " + name);
        String url = POSTGRES.getJdbcUrl().replaceFirst("/" + POSTGRES.getDatabaseName() + "(\\?|$)", "/" + name + "$1");
        DataSource database = new DriverManagerDataSource(url, POSTGRES.getUsername(), POSTGRES.getPassword());
        Flyway.configure().dataSource(database).locations("classpath:db/migration").load().migrate();
        return database;
    }

    private static void start() {
        if (!POSTGRES.isRunning()) {
            POSTGRES.start();
        }
    }
}
