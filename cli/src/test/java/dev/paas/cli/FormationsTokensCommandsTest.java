package dev.paas.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import dev.paas.api.JoinTokenInfo;
import org.junit.jupiter.api.Test;

class FormationsTokensCommandsTest extends LoggedInCliTest {

    static final Instant AT = Instant.parse("2025-03-01T10:00:00Z");

    @Test
    void tokensListsPrefixesAndLastUseNeverTheSecret() throws Exception {
        controller.on("GET", "/v1/join-tokens", 200, List.of(
                new JoinTokenInfo(3, "pjt_AbCdEf", "prod", "runtime", "admin", AT, AT.plusSeconds(60)),
                new JoinTokenInfo(4, null, "prod", "proxy", "ops", AT, null)));

        CliRunner.Run run = cli.run("formations:tokens", "prod");

        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> lines = run.out().lines().toList();
        assertThat(controller.only("GET", "/v1/join-tokens").query()).isEqualTo("formation=prod");
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).startsWith("ID  TOKEN          FORMATION  LAYER    CREATED BY  CREATED");
        assertThat(lines.get(1)).startsWith("3   pjt_AbCdEf...  prod       runtime  admin");
        assertThat(lines.get(2)).startsWith("4   -              prod       proxy    ops").endsWith("never");
        assertThat(cli.run("formations:tokens", "prod", "--json").out()).startsWith("[ {")
                .contains("\"prefix\" : \"pjt_AbCdEf\"", "\"lastUsedAt\" : \"2025-03-01T10:01:00Z\"");
    }

    @Test
    void tokensWithoutAFormationListsAll() throws Exception {
        controller.on("GET", "/v1/join-tokens", 200, List.of());

        CliRunner.Run run = cli.run("formations:tokens");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(controller.only("GET", "/v1/join-tokens").query()).isNull();
        assertThat(run.out()).startsWith("ID  TOKEN");
    }

    @Test
    void revokeDeletesTheTokenById() throws Exception {
        controller.on("DELETE", "/v1/join-tokens/3", 200,
                new JoinTokenInfo(3, "pjt_AbCdEf", "prod", "runtime", "admin", AT, null));

        CliRunner.Run run = cli.run("formations:tokens:revoke", "3");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("Revoked join token 3.\n");
        assertThat(controller.only("DELETE", "/v1/join-tokens/3")).isNotNull();
    }

    @Test
    void revokingAnUnknownTokenIsOneLineAndExitCode1AndABadIdIsAUsageError() throws Exception {
        controller.on("DELETE", "/v1/join-tokens/9", 404,
                "{\"message\":\"No join token 9 to revoke: 'paas formations:tokens' lists them.\"}");

        CliRunner.Run run = cli.run("formations:tokens:revoke", "9");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("No join token 9 to revoke: 'paas formations:tokens' lists them.\n");
        assertThat(cli.run("formations:tokens:revoke", "pjt_AbCdEf").exitCode()).isEqualTo(2);
    }
}
