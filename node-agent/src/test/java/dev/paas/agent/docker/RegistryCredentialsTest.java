package dev.paas.agent.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import com.github.dockerjava.core.DefaultDockerClientConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistryCredentialsTest {

    @TempDir
    Path dir;

    @Test
    void readsOneLineAndLogsInEveryPullOfTheClient() throws Exception {
        RegistryCredentials credentials = RegistryCredentials.read(Files.writeString(dir.resolve("c"), "paas:s3cr:et\n"));

        assertThat(credentials).isEqualTo(new RegistryCredentials("paas", "s3cr:et"));
        var config = credentials.applyTo(DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost("unix:///var/run/docker.sock")).build();
        assertThat(config.effectiveAuthConfig("10.0.0.1:5000/app:v1").getUsername()).isEqualTo("paas");
        assertThat(config.effectiveAuthConfig("10.0.0.1:5000/app:v1").getPassword()).isEqualTo("s3cr:et");
        assertThat(credentials.basicAuthorization()).isEqualTo("Basic cGFhczpzM2NyOmV0");
        assertThat(credentials.toString()).doesNotContain("s3cr");
    }

    @Test
    void refusesAnythingButUserColonPasswordWithoutPrintingIt() throws Exception {
        for (String bad : new String[] {"", "nopassword", ":onlypassword", "user:", "a:b\nc:d"}) {
            Path file = Files.writeString(dir.resolve("bad"), bad);
            assertThatThrownBy(() -> RegistryCredentials.read(file)).hasMessageContaining("USER:PASSWORD")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("onlypassword"));
        }
        assertThatThrownBy(() -> RegistryCredentials.read(dir.resolve("none"))).hasMessageContaining("Cannot read");
    }
}
