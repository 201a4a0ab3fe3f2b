package dev.paas.cli;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.paas.cli.config.ConfigStore;
import dev.paas.cli.config.PaasConfig;
import dev.paas.cli.git.Git;
import picocli.CommandLine;

/** Runs {@code paas} in-process with its own home, working directory, config file and writers. */
final class CliRunner {

    record Run(int exitCode, String out, String err) {
    }

    final Path home;
    final Path workDir;
    final Path configFile;
    /** What {@code $PAAS_CA_FILE} is for the next runs, or null. */
    Path caFile;

    CliRunner(Path temp) throws IOException {
        home = Files.createDirectories(temp.resolve("home"));
        workDir = Files.createDirectories(temp.resolve("work"));
        configFile = temp.resolve("config/paas.json");
    }

    Run run(String... args) {
        return runWithInput("", args);
    }

    Run runWithInput(String stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CliEnvironment env = new CliEnvironment(configFile, home, workDir,
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), null, caFile);
        CommandLine cli = Paas.commandLine(env, args);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exitCode = cli.execute(args);
        return new Run(exitCode, out.toString(), err.toString());
    }

    CliRunner loggedIn(String url) throws IOException {
        config().save(new PaasConfig(url, "tok-ana", "ana"));
        return this;
    }

    ConfigStore config() {
        return new ConfigStore(configFile);
    }

    /** Makes the working directory a git checkout, with a paas remote when {@code remoteUrl} is not null. */
    Git gitCheckout(String remoteUrl) {
        Git git = new Git(workDir);
        assertOk(git.run("init", "-q"));
        if (remoteUrl != null) {
            assertOk(git.addRemote("paas", remoteUrl));
        }
        return git;
    }

    private static void assertOk(Git.Result result) {
        if (!result.ok()) {
            throw new AssertionError("git failed: " + result.output());
        }
    }
}
