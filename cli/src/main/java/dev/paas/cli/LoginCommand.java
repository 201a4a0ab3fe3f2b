package dev.paas.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

import dev.paas.api.LoginRequest;
import dev.paas.api.LoginResponse;
import dev.paas.cli.config.PaasConfig;
import dev.paas.cli.http.CaCertificates;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

@Command(name = "login", mixinStandardHelpOptions = true,
        description = "Log in and save the token (~/.paas/config.json).")
final class LoginCommand extends PaasCommand {

    @Parameters(arity = "0..1", paramLabel = "URL",
            description = "The controller, e.g. http://controller:8000. Default: the one you last logged in to.")
    String url;

    @Option(names = "--username", paramLabel = "U", description = "Log in as U instead of asking.")
    String username;

    @Option(names = "--password-stdin", description = "Read the password from the first line of standard input.")
    boolean passwordStdin;

    @Option(names = "--ca", paramLabel = "FILE", description = "For an https controller: trust only the PEM"
            + " certificates in FILE (the platform's CA, /var/lib/paas/secrets/cluster/ca.crt on its host), and save"
            + " them with the login. Default: $PAAS_CA_FILE (for one command), else the CA saved for this URL, else"
            + " the JVM's trust store.")
    Path ca;

    @Override
    public Integer call() throws IOException {
        Optional<PaasConfig> saved = paas.config();
        String base = url != null ? normalize(url) : saved.map(PaasConfig::url)
                .orElseThrow(() -> new ParameterException(spec.commandLine(), "Missing URL: paas login URL"));
        // The CA is read before any prompt or request: a bad file stops here, with the config untouched.
        CaCertificates given = ca == null ? null : givenCa(base);
        CaCertificates trusted = given != null ? given : paas.trustFor(base, saved.orElse(null));
        String keptCa = given != null ? given.pem()
                : saved.filter(config -> base.equals(config.url())).map(PaasConfig::ca).orElse(null);
        String user = username != null ? username : promptUsername(saved.map(PaasConfig::username).orElse(null));
        String password = passwordStdin ? readPasswordLine() : promptPassword();
        LoginResponse response = paas.anonymousApi(base, trusted)
                .post("/v1/login", new LoginRequest(user, password), LoginResponse.class);
        if (response == null || response.token() == null) {
            throw new UserError("The controller at " + base + " answered the login without a token.");
        }
        String loggedInAs = response.username() != null ? response.username() : user;
        paas.configStore().save(new PaasConfig(base, response.token(), loggedInAs, keptCa));
        out().println("Logged in to " + base + " as " + loggedInAs);
        if (given != null) {
            out().println("Trusting only " + given.subjects() + " for it (saved with the login)");
        }
        return 0;
    }

    private CaCertificates givenCa(String base) {
        if (!Paas.isHttps(base)) {
            throw new UserError("--ca is for a controller that serves HTTPS; " + base + " is plain HTTP.");
        }
        return paas.readCa(ca, "");
    }

    /** {@code controller:8000/} becomes {@code http://controller:8000}: API paths are appended to it. */
    private String normalize(String given) {
        String text = given.strip();
        if (!text.contains("://")) {
            text = "http://" + text;
        }
        while (text.endsWith("/")) {
            text = text.substring(0, text.length() - 1);
        }
        try {
            URI uri = new URI(text);
            if ((uri.getScheme().equals("http") || uri.getScheme().equals("https")) && uri.getHost() != null) {
                return text;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw new ParameterException(spec.commandLine(),
                "'" + given + "' is not a controller URL: use one like http://controller:8000");
    }

    private String promptUsername(String previous) {
        Console console = console("--username U");
        String answer = console.readLine(previous == null ? "Username: " : "Username [" + previous + "]: ");
        String name = answer == null || answer.isBlank() ? previous : answer.strip();
        if (name == null) {
            throw new UserError("No username given.");
        }
        return name;
    }

    private String promptPassword() {
        char[] password = console("--password-stdin").readPassword("Password: ");
        if (password == null || password.length == 0) {
            throw new UserError("No password given.");
        }
        String text = new String(password);
        Arrays.fill(password, '\0');
        return text;
    }

    private String readPasswordLine() throws IOException {
        // Not closed: it wraps the process's stdin.
        String line = new BufferedReader(new InputStreamReader(env().stdin(), StandardCharsets.UTF_8)).readLine();
        if (line == null || line.isEmpty()) {
            throw new UserError("No password on standard input: pipe it in, e.g. paas login URL --password-stdin < file");
        }
        return line;
    }

    private Console console(String alternative) {
        Console console = env().console();
        if (console == null) {
            throw new UserError("Cannot ask for credentials without a terminal: use " + alternative);
        }
        return console;
    }
}
