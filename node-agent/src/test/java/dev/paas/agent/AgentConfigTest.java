package dev.paas.agent;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AgentConfigTest {

    @Test
    void readsArguments() {
        AgentConfig config = AgentConfig.parse(new String[]{"--controller", "http://10.0.0.1:8000", "--token", "T",
                "--name", "node1", "--address", "10.0.0.2", "--ports=21000-21099", "--formation", "eu",
                "--layer", "runtime", "--capacity-mb", "2048", "--cpus", "1.5"}, Map.of());

        assertThat(config).isEqualTo(new AgentConfig(URI.create("http://10.0.0.1:8000"), "T", "node1", "10.0.0.2",
                21000, 21099, "eu", "runtime", 2048, "paas-apps", 512, 1500));
        assertThat(config.registration().cpuMillis()).isEqualTo(1500);
    }

    @Test
    void aCaAndRegistryCredentialsAreFilesCheckedAtStart(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path ca = java.nio.file.Files.writeString(dir.resolve("ca.crt"), "pem");
        java.nio.file.Path login = java.nio.file.Files.writeString(dir.resolve("login"), "paas:secret\n");

        AgentConfig config = AgentConfig.parse(new String[]{"--name", "n1", "--token", "T", "--controller",
                "https://10.0.0.1:8000", "--controller-ca", ca.toString()}, Map.of("PAAS_REGISTRY_CREDENTIALS", login.toString()));

        assertThat(config.controller()).isEqualTo(URI.create("https://10.0.0.1:8000"));
        assertThat(config.controllerCa()).isEqualTo(ca);
        assertThat(config.registryCredentials()).isEqualTo(login);
        assertThat(config.toString()).doesNotContain("secret");
        assertThatThrownBy(() -> AgentConfig.parse(new String[]{"--name", "n1", "--token", "T", "--controller-ca",
                dir.resolve("missing.crt").toString()}, Map.of())).hasMessageContaining("missing.crt is not a readable file".replace(" is", "' is"));
        assertThat(AgentConfig.parse(new String[]{"--name", "n1", "--token", "T"}, Map.of()).controllerCa()).isNull();
    }

    @Test
    void takesSeveralControllersForFailOverAndRefusesABadOneWhole() {
        AgentConfig config = AgentConfig.parse(new String[]{"--controller", "http://10.0.0.1:8000,http://10.0.0.2:8000",
                "--token", "T", "--name", "n1", "--address", "10.0.0.5", "--ports", "20000-20999"}, Map.of());
        assertThat(config.controller()).isEqualTo(URI.create("http://10.0.0.1:8000"));
        assertThat(config.controllers().all()).containsExactly(URI.create("http://10.0.0.1:8000"),
                URI.create("http://10.0.0.2:8000"));
        assertThatThrownBy(() -> AgentConfig.parse(new String[]{"--controller", "http://10.0.0.1:8000,10.0.0.2",
                "--token", "T", "--name", "n1", "--address", "10.0.0.5", "--ports", "20000-20999"}, Map.of()))
                .hasMessageContaining("Controller URL '10.0.0.2' is invalid");
    }

    @Test
    void capacityAndCpusDefaultToTheHostsLessAReserve() {
        AgentConfig host = AgentConfig.parse(new String[]{"--name", "n1", "--token", "T"}, Map.of());
        AgentConfig reserved = AgentConfig.parse(new String[]{"--name", "n1", "--token", "T", "--reserve-mb", "0"},
                Map.of());

        assertThat(reserved.capacityMb()).isEqualTo(HostResources.memoryMb());
        assertThat(host.capacityMb()).isEqualTo(HostResources.capacityMb(HostResources.memoryMb(), 2048));
        assertThat(host.cpuMillis()).isEqualTo(Runtime.getRuntime().availableProcessors() * 1000);
    }

    @Test
    void aReserveLeavesAtLeastAQuarterOfTheHost() {
        assertThat(HostResources.capacityMb(24_000, 2048)).isEqualTo(21_952);
        assertThat(HostResources.capacityMb(2_000, 2048)).isEqualTo(500);
    }

    @Test
    void badCapacitySettingsAreRefused() {
        for (String[] bad : List.of(new String[]{"--reserve-mb", "-1"}, new String[]{"--cpus", "0"},
                new String[]{"--cpus", "lots"}, new String[]{"--capacity-mb", "0"})) {
            String[] args = java.util.stream.Stream.concat(java.util.stream.Stream.of("--name", "n1", "--token", "T"),
                    java.util.Arrays.stream(bad)).toArray(String[]::new);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> AgentConfig.parse(args, Map.of()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("invalid");
        }
    }

    @Test
    void fallsBackToEnvironmentThenDefaults() {
        AgentConfig config = AgentConfig.parse(new String[]{"--name", "node2"},
                Map.of("PAAS_NODE_TOKEN", "secret", "PAAS_NODE_NAME", "ignored", "PAAS_NODE_PORTS", "30000-30009"));

        assertThat(config.token()).isEqualTo("secret");
        assertThat(config.name()).isEqualTo("node2");
        assertThat(config.firstPort()).isEqualTo(30000);
        assertThat(config.lastPort()).isEqualTo(30009);
        assertThat(config.controller()).isEqualTo(URI.create("http://127.0.0.1:8000"));
        assertThat(config.address()).isEqualTo("127.0.0.1");
        assertThat(config.registration().formation()).isEqualTo("default");
        assertThat(config.registration().layer()).isEqualTo("runtime");
        assertThat(config.registration().capacityMb()).isEqualTo(HostResources.capacityMb(HostResources.memoryMb(), 2048));
    }

    @Test
    void appsNetworkAndPidsLimitHaveDefaultsAndCanBeSet() {
        AgentConfig defaults = AgentConfig.parse(new String[]{"--name", "n1", "--token", "T"}, Map.of());
        AgentConfig set = AgentConfig.parse(new String[]{"--name", "n1", "--token", "T", "--network", "apps-2"},
                Map.of("PAAS_PIDS_LIMIT", "1024"));

        assertThat(defaults.network()).isEqualTo("paas-apps");
        assertThat(defaults.pidsLimit()).isEqualTo(512);
        assertThat(set.network()).isEqualTo("apps-2");
        assertThat(set.pidsLimit()).isEqualTo(1024);
    }

    @Test
    void refusesANetworkNameThatCannotNameABridgeAndATinyPidsLimit() {
        assertThatThrownBy(() -> AgentConfig.parse(new String[]{"--name", "n1", "--token", "T", "--network",
                "a-network-name-too-long"}, Map.of()))
                .hasMessageContaining("at most 15 characters (it also names the bridge interface)");
        assertThatThrownBy(() -> AgentConfig.parse(new String[]{"--name", "n1", "--token", "T", "--pids-limit",
                "5"}, Map.of()))
                .hasMessage("Pids limit '5' is invalid: give a number of at least 32.");
    }

    @Test
    void saysWhatIsMissing() {
        assertThatThrownBy(() -> AgentConfig.parse(new String[]{"--name", "node1"}, Map.of()))
                .hasMessage("Missing --join-token (or PAAS_JOIN_TOKEN): an admin makes one with"
                        + " 'paas formations:token FORMATION --layer runtime'.");
    }

    @Test
    void aJoinTokenLeavesFormationAndLayerToTheController() {
        AgentConfig config = AgentConfig.parse(new String[]{"--join-token", "pjt_abc", "--name", "n1",
                "--formation", "ignored"}, Map.of("PAAS_NODE_TOKEN", "cluster"));

        assertThat(config.token()).isEqualTo("pjt_abc");
        assertThat(config.registration().formation()).isNull();
        assertThat(config.registration().layer()).isNull();
        assertThat(config.toString()).doesNotContain("pjt_abc").contains("formation and layer from its join token");
    }

    @Test
    void readsTheConfigFileBetweenArgumentsAndEnvironment(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws java.io.IOException {
        java.nio.file.Path file = dir.resolve("node-agent.conf");
        java.nio.file.Files.writeString(file, "# joins prod's runtime layer\njoin-token=pjt_file\nname=from-file\nports=22000-22099\n");

        AgentConfig config = AgentConfig.parse(new String[]{"--config", file.toString(), "--name", "from-args"},
                Map.of("PAAS_NODE_PORTS", "30000-30009"));

        assertThat(config.token()).isEqualTo("pjt_file");
        assertThat(config.name()).isEqualTo("from-args");
        assertThat(config.firstPort()).isEqualTo(22000);

        java.nio.file.Files.writeString(file, "jointoken=pjt_typo\n");
        assertThatThrownBy(() -> AgentConfig.parse(new String[]{"--config=" + file, "--name", "n1"}, Map.of()))
                .hasMessage("Unknown setting 'jointoken' in " + file + ".");
        assertThatThrownBy(() -> AgentConfig.parse(new String[]{"--name", "n1"},
                Map.of("PAAS_NODE_CONFIG", dir.resolve("missing.conf").toString())))
                .hasMessageStartingWith("Cannot read the config file");
    }

    @Test
    void rejectsNamesDockerOrUrlsCannotCarry() {
        assertThatThrownBy(() -> AgentConfig.parse(new String[]{"--token", "T", "--name", "Node_1"}, Map.of()))
                .hasMessageStartingWith("Node name 'Node_1' is invalid");
    }

    @Test
    void rejectsBadPortRangesAndUnknownOptions() {
        assertThatThrownBy(() -> AgentConfig.parse(
                new String[]{"--token", "T", "--name", "n1", "--ports", "21000-20000"}, Map.of()))
                .hasMessageContaining("FIRST must not exceed LAST");
        assertThatThrownBy(() -> AgentConfig.parse(new String[]{"--tokn", "T"}, Map.of()))
                .hasMessage("Unknown option '--tokn'.");
    }

    @Test
    void neverShowsTheToken() {
        AgentConfig config = AgentConfig.parse(new String[]{"--token", "s3cret", "--name", "n1"}, Map.of());

        assertThat(config.toString()).doesNotContain("s3cret");
    }
}
