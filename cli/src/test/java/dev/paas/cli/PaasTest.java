package dev.paas.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PaasTest {

    @TempDir
    Path temp;

    @Test
    void helpListsTheCommands() throws Exception {
        CliRunner cli = new CliRunner(temp);

        for (String[] args : new String[][] {{"--help"}, {"help"}}) {
            CliRunner.Run run = cli.run(args);
            assertThat(run.exitCode()).isZero();
            assertThat(run.out()).contains("Usage: paas", "login", "keys:add", "create, apps:create",
                    "apps, apps:list", "info, apps:info", "destroy, apps:destroy");
        }
        assertThat(cli.run("help", "destroy").out()).contains("--confirm=APP", "-a, --app=APP");
        assertThat(cli.run("--version").out()).startsWith("paas ");
    }

    @Test
    void onlyTheNamedCommandIsBuiltButHelpAndUnknownWordsGetThemAll() throws Exception {
        CliRunner cli = new CliRunner(temp);
        CliEnvironment env = new CliEnvironment(cli.configFile, cli.home, cli.workDir, System.in, null);

        assertThat(Paas.commandLine(env, "--debug", "apps", "--json").getSubcommands()).containsOnlyKeys("apps", "apps:list");
        assertThat(Paas.commandLine(env, "rollback", "v2").getSubcommands()).containsOnlyKeys("rollback", "releases:rollback");
        int all = Paas.commandLine(env, "help").getSubcommands().size();
        assertThat(all).isGreaterThan(Paas.COMMANDS.size());
        assertThat(Paas.commandLine(env).getSubcommands()).hasSize(all);
        assertThat(Paas.commandLine(env, "deploy").getSubcommands()).hasSize(all);
        assertThat(Paas.commandLine(env, "completion").getSubcommands()).hasSize(all);
    }

    @Test
    void usageErrorsExitWith2() throws Exception {
        CliRunner cli = new CliRunner(temp);

        assertThat(cli.run().exitCode()).isEqualTo(2);
        assertThat(cli.run("deploy").exitCode()).isEqualTo(2);
        CliRunner.Run missingName = cli.run("create");
        assertThat(missingName.exitCode()).isEqualTo(2);
        assertThat(missingName.err()).contains("Missing required parameter: 'NAME'");
        assertThat(cli.run("login", "ftp://x").exitCode()).isEqualTo(2);
    }

    @Test
    void anUnreachableControllerIsOneLineWithoutStackTrace() throws Exception {
        String url;
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            url = "http://127.0.0.1:" + closed.getLocalPort();
        }
        CliRunner cli = new CliRunner(temp).loggedIn(url);

        CliRunner.Run run = cli.run("apps");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("Cannot reach the controller at " + url + ": is it running?\n");

        CliRunner.Run debug = cli.run("apps", "--debug");
        assertThat(debug.err()).contains("java.net.ConnectException", "\tat ")
                .endsWith("Cannot reach the controller at " + url + ": is it running?\n");
        assertThat(cli.run("--debug", "apps").err()).contains("java.net.ConnectException");
    }
}
