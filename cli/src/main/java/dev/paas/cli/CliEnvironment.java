package dev.paas.cli;

import java.io.Console;
import java.io.InputStream;
import java.nio.file.Path;

import dev.paas.cli.config.ConfigStore;

/**
 * What the cli reads from the machine it runs on; tests pass their own.
 *
 * @param configFile where login saves the token
 * @param home       the user's home, for ~/.ssh
 * @param workDir    where git commands run and relative paths start
 * @param console    the terminal to prompt on, or null when there is none
 * @param caFile     {@code $PAAS_CA_FILE}: the CA to trust for an https controller in this command instead of the
 *                   one saved with the login, or null
 */
public record CliEnvironment(Path configFile, Path home, Path workDir, InputStream stdin, Console console,
                             Path caFile) {

    public static final String CA_FILE_VARIABLE = "PAAS_CA_FILE";

    public CliEnvironment(Path configFile, Path home, Path workDir, InputStream stdin, Console console) {
        this(configFile, home, workDir, stdin, console, null);
    }

    public static CliEnvironment system() {
        Path home = Path.of(System.getProperty("user.home"));
        String caFile = System.getenv(CA_FILE_VARIABLE);
        return new CliEnvironment(ConfigStore.defaultLocation(System.getenv(), home), home,
                Path.of("").toAbsolutePath(), System.in, System.console(),
                caFile == null || caFile.isBlank() ? null : Path.of(caFile));
    }
}
