package dev.paas.agent;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AgentConfigTest {

    @Test
    void readsArguments() {
        AgentConfig config = AgentConfig.parse(new String[]{"--controller", "http://10.0.0.1:8000", "--token", "T",
                "--name", "node1", "--address", "10.0.0.2", "--ports=21000-21099", "--formation", "eu",
                "--layer", "runtime", "--capacity-mb", "2048"}, Map.of());

        assertThat(config).isEqualTo(new AgentConfig(URI.create("http://10.0.0.1:8000"), "T", "node1", "10.0.0.2",
                21000, 21099, "eu", "runtime", 2048));
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
        assertThat(config.registration().capacityMb()).isEqualTo(4096);
    }

    @Test
    void saysWhatIsMissing() {
        assertThatThrownBy(() -> AgentConfig.parse(new String[]{"--name", "node1"}, Map.of()))
                .hasMessage("Missing --token (or PAAS_NODE_TOKEN).");
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
