package dev.paas.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Ruby and PHP apps on Debian's Ruby 3.1 and PHP 8.2: a rack app whose gems are vendored in vendor/cache (rubygems.org
 * is unreachable, so `bundle install --local`), served by the default web process its config.ru gets; a PHP app
 * whose composer autoloader the build generates, served by nginx and php-fpm with the database extensions loaded.
 * Each is pushed cold then warm (the figures of docs/performance.md); a gem or package the platform cannot fetch
 * fails the push saying so, and the previous release keeps serving.
 */
@ExtendWith(SharedCluster.class)
@ResourceLock(value = SharedCluster.PARTS, mode = ResourceAccessMode.READ)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class RubyAndPhpAppsIT {

    private final String run = UUID.randomUUID().toString().substring(0, 6);
    private Cluster cluster;
    private User user;

    @BeforeAll
    void startPlatform() throws Exception {
        cluster = SharedCluster.cluster();
        user = User.loggedIn(cluster);
    }

    @Test
    void rackAppWithVendoredGemsGetsAWebProcessThenAWarmPushThenAGemThatIsNotVendoredIsRefused() throws Exception {
        String app = "rb-" + run;
        Path dir = user.checkout("ruby-rack", app);

        Shell.Result cold = Shell.timed("RubyAndPhpAppsIT: ruby-rack cold push", () -> user.push(dir));
        assertThat(cold.exit()).as(cold.all()).isZero();
        assertThat(cold.err()).contains("remote: -----> Ruby app detected (buildpack ruby)",
                "remote: -----> Using Ruby 3.1", "bundle install --local (deployment, without development:test)",
                "Installing rack 2.2.22", "Making a dependency layer of vendor/bundle",
                "Default types for buildpack -> web");
        assertThat(cluster.curl(app).out()).isEqualTo("Hello from Ruby 3.1.2 on rack 2.2.22\n200");

        User.edit(dir.resolve("config.ru"), "Hello from Ruby", "Hello again from Ruby");
        user.commitAll(dir, "new message");
        Shell.Result warm = Shell.timed("RubyAndPhpAppsIT: ruby-rack warm push (code only)", () -> user.push(dir));
        assertThat(warm.exit()).as(warm.all()).isZero();
        assertThat(warm.err()).contains("remote: -----> Restoring gems from the cache (Gemfile and Gemfile.lock unchanged)",
                "Reusing the dependency layer of vendor/bundle (unchanged)").doesNotContain("bundle install");
        assertThat(cluster.curl(app).out()).isEqualTo("Hello again from Ruby 3.1.2 on rack 2.2.22\n200");

        // sinatra is in the Gemfile and the lockfile, not in vendor/cache: bundler would need rubygems.org.
        User.edit(dir.resolve("Gemfile"), "gem \"webrick\", \"~> 1.8\"", "gem \"webrick\", \"~> 1.8\"\ngem \"sinatra\", \"~> 3.0\"");
        User.edit(dir.resolve("Gemfile.lock"), "    rake (13.0.6)\n", "    rake (13.0.6)\n    sinatra (3.0.6)\n");
        User.edit(dir.resolve("Gemfile.lock"), "  rake\n", "  rake\n  sinatra (~> 3.0)\n");
        user.commitAll(dir, "sinatra, not vendored");
        Shell.Result missing = Shell.timed("RubyAndPhpAppsIT: ruby-rack with a gem not vendored (refused)",
                () -> user.push(dir));
        assertThat(missing.exit()).isNotZero();
        assertThat(missing.err()).contains("rubygems.org is not reachable from this platform's builds: vendor the gems",
                "bundle cache --all", "bundle install failed", "Buildpack ruby failed to compile the app");
        assertThat(cluster.curl(app).out()).as("the previous release keeps serving")
                .isEqualTo("Hello again from Ruby 3.1.2 on rack 2.2.22\n200");
    }

    @Test
    void phpAppServedByNginxAndPhpFpmWithTheDatabaseExtensionsThenAWarmPushAndAProcfile() throws Exception {
        String app = "php-" + run;
        Path dir = user.checkout("php-hello", app);

        Shell.Result cold = Shell.timed("RubyAndPhpAppsIT: php-hello cold push", () -> user.push(dir));
        assertThat(cold.exit()).as(cold.all()).isZero();
        assertThat(cold.err()).contains("remote: -----> PHP app detected (buildpack php)",
                "remote: -----> Using PHP 8.2.", "composer install --no-dev (0 package(s)", "Generating autoload files",
                "document root /app/public");
        assertThat(cluster.curl(app).out()).matches("Hello from PHP 8\\.2\\.\\d+ \\(fpm-fcgi\\)\n200");
        assertThat(cluster.curl(app, "/extensions.php").out())
                .isEqualTo("mysqli: loaded\npdo_mysql: loaded\npgsql: loaded\npdo_pgsql: loaded\n200");
        assertThat(cluster.curl(app, "/.profile.d/php.sh").out()).as("dotfiles are not served").endsWith("403");

        User.edit(dir.resolve("src/Greeting.php"), "Hello from PHP", "Hello again from PHP");
        user.commitAll(dir, "new message");
        Shell.Result warm = Shell.timed("RubyAndPhpAppsIT: php-hello warm push (code only)", () -> user.push(dir));
        assertThat(warm.exit()).as(warm.all()).isZero();
        assertThat(warm.err()).contains("remote: -----> Restoring vendor/ from the cache").doesNotContain("composer install");
        assertThat(cluster.curl(app).out()).startsWith("Hello again from PHP 8.2.");

        // A Procfile written for Heroku: its apache2 script (served by nginx here) and a document root of its own.
        Files.writeString(dir.resolve("Procfile"), "web: vendor/bin/heroku-php-apache2 src/\n");
        Files.writeString(dir.resolve("src/index.php"), "<?php echo 'Served from src/';\n");
        user.commitAll(dir, "a Procfile");
        Shell.Result procfile = Shell.timed("RubyAndPhpAppsIT: php-hello with a Procfile", () -> user.push(dir));
        assertThat(procfile.exit()).as(procfile.all()).isZero();
        assertThat(procfile.err()).contains("Procfile declares types -> web");
        assertThat(cluster.curl(app).out()).isEqualTo("Served from src/200");

        // A package from packagist, with no vendor/ committed: composer cannot fetch it.
        User.edit(dir.resolve("composer.json"), "\"php\": \">=8.1\",", "\"php\": \">=8.1\",\n        \"monolog/monolog\": \"^3.0\",");
        user.commitAll(dir, "monolog, not committed");
        Shell.Result packagist = Shell.timed("RubyAndPhpAppsIT: php-hello with a packagist package (refused)",
                () -> user.push(dir));
        assertThat(packagist.exit()).isNotZero();
        assertThat(packagist.err()).contains("packagist.org is not reachable from this platform's builds",
                "commit vendor/", "Buildpack php failed to compile the app");
        assertThat(cluster.curl(app).out()).as("the previous release keeps serving").isEqualTo("Served from src/200");
    }
}
