package dev.paas.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import dev.paas.cli.config.ConfigStore;
import dev.paas.cli.config.PaasConfig;
import dev.paas.cli.http.ApiClient;
import dev.paas.cli.http.ApiException;
import dev.paas.cli.http.CaCertificates;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** The {@code paas} command: wires the subcommands and turns their errors into one line and an exit code. */
@Command(name = "paas", mixinStandardHelpOptions = true, versionProvider = Paas.Version.class,
        synopsisSubcommandLabel = "COMMAND",
        description = "Deploy apps with git push to your own machines.",
        commandListHeading = "%nCommands:%n",
        footer = {"", "Run 'paas help COMMAND' for a command's options."})
public final class Paas implements Callable<Integer> {

    /** Every subcommand, in the order help lists them. */
    static final List<Class<?>> COMMANDS = List.of(LoginCommand.class, LogoutCommand.class, WhoAmICommand.class,
            KeysCommand.class, KeysAddCommand.class, KeysRemoveCommand.class,
            CreateCommand.class, AppsCommand.class, InfoCommand.class, DestroyCommand.class, OpenCommand.class,
            GitRemoteCommand.class,
            AccessCommand.class, AccessAddCommand.class, AccessRemoveCommand.class,
            ConfigCommand.class, ConfigGetCommand.class, ConfigSetCommand.class, ConfigUnsetCommand.class,
            ReleasesCommand.class, ReleasesInfoCommand.class, RollbackCommand.class, PromoteCommand.class,
            PsCommand.class, ScaleCommand.class, PsRestartCommand.class, PsPauseCommand.Stop.class,
            PsPauseCommand.Start.class,
            LimitsCommand.class, LimitsSetCommand.class, LimitsUnsetCommand.class, HealthchecksCommand.class,
            HealthchecksSetCommand.class, LogsCommand.class, RunCommand.class, CronCommand.class, CronRunCommand.class,
            DomainsCommand.class, DomainsAddCommand.class, DomainsRemoveCommand.class,
            MaintenanceCommand.class, MaintenanceOnCommand.class, MaintenanceOffCommand.class,
            RouterLimitsCommand.class, RouterLimitsSetCommand.class,
            CertsCommand.class, CertsInfoCommand.class, CertsAddCommand.class, CertsRemoveCommand.class,
            CertsHttpsOnlyCommand.class, CertsHstsCommand.class, CertsPlatformCommand.class,
            CertsPlatformSetCommand.class, CertsAutoEnableCommand.class, CertsAutoDisableCommand.class,
            AddonsCommand.class, AddonsCreateCommand.class, AddonsInfoCommand.class, AddonsAttachCommand.class,
            AddonsDetachCommand.class, AddonsDestroyCommand.class, AddonsBackupsCommand.class,
            AddonsBackupsCaptureCommand.class, AddonsBackupsRestoreCommand.class, AddonsBackupsDownloadCommand.class,
            AddonsBackupsScheduleCommand.class, AddonsCredentialsRotateCommand.class,
            BuildsCommand.class, BuildsInfoCommand.class, BuildsCacheClearCommand.class,
            UsersCommand.class, UsersCreateCommand.class, UsersRemoveCommand.class, QuotasCommand.class,
            QuotasSetCommand.class,
            NodesCommand.class, NodesDrainCommand.class, FormationsCommand.class, FormationsCreateCommand.class,
            FormationsTokenCommand.class, FormationsLimitsCommand.class, FormationsTokensCommand.class, FormationsTokensRevokeCommand.class,
            CompletionCommand.class, HelpCommand.class);

    @Spec
    CommandSpec spec;

    @Option(names = "--debug", scope = ScopeType.INHERIT, description = "Print the stack trace of an error.")
    boolean debug;

    private final CliEnvironment env;

    Paas(CliEnvironment env) {
        this.env = env;
    }

    public static void main(String[] args) {
        CommandLine cli = commandLine(CliEnvironment.system(), args);
        int exitCode = cli.execute(args);
        cli.getOut().flush();
        cli.getErr().flush();
        System.exit(exitCode);
    }

    /**
     * The command tree to run {@code args} with; tests set their own writers on it and call {@code execute}.
     * Building a picocli model is most of a short command's start-up, so when {@code args} name a command only
     * that one is built; help, completion and unknown commands get them all.
     */
    public static CommandLine commandLine(CliEnvironment env, String... args) {
        CommandLine cli = new CommandLine(new Paas(env)).setExecutionExceptionHandler(Paas::handle);
        Optional<Class<?>> named = Arrays.stream(args).filter(arg -> !arg.startsWith("-")).findFirst()
                .flatMap(Paas::commandNamed);
        for (Class<?> command : named.map(List::<Class<?>>of).orElse(COMMANDS)) {
            cli.addSubcommand(command);
        }
        return cli;
    }

    private static Optional<Class<?>> commandNamed(String word) {
        return COMMANDS.stream().filter(command -> command != HelpCommand.class && command != CompletionCommand.class)
                .filter(command -> {
                    Command annotation = command.getAnnotation(Command.class);
                    return annotation.name().equals(word) || Arrays.asList(annotation.aliases()).contains(word);
                }).findFirst();
    }

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "Missing command.");
    }

    CliEnvironment env() {
        return env;
    }

    ConfigStore configStore() {
        return new ConfigStore(env.configFile());
    }

    Optional<PaasConfig> config() {
        ConfigStore store = configStore();
        try {
            return store.load();
        } catch (IOException e) {
            throw new UserError("Cannot read " + store.file() + ": " + e.getMessage()
                    + " (fix it, or delete it and run paas login URL)");
        }
    }

    ApiClient api() {
        PaasConfig config = config().filter(PaasConfig::loggedIn)
                .orElseThrow(() -> new UserError("Not logged in: run paas login URL first"));
        return new ApiClient(config.url(), config.token(), userAgent(), trustFor(config.url(), config));
    }

    /** @param ca the only certificates to trust for an https {@code url}, or null for the JVM's trust store */
    ApiClient anonymousApi(String url, CaCertificates ca) {
        return new ApiClient(url, null, userAgent(), ca);
    }

    /**
     * The certificates to trust for {@code url}: none for plain http (nothing is parsed, start-up stays cheap);
     * {@code $PAAS_CA_FILE} when set; else the CA saved with the login to that same URL; else null (the JVM's).
     */
    CaCertificates trustFor(String url, PaasConfig saved) {
        if (!isHttps(url)) {
            return null;
        }
        if (env.caFile() != null) {
            return readCa(env.caFile(), " (" + CliEnvironment.CA_FILE_VARIABLE + ")");
        }
        if (saved == null || saved.ca() == null || !url.equals(saved.url())) {
            return null;
        }
        try {
            return CaCertificates.fromPem(saved.ca(), "the CA saved in " + configStore().file());
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage() + " Log in again: paas login " + url + " --ca FILE");
        }
    }

    /** @param origin after the file's name in messages: "" or " (PAAS_CA_FILE)" */
    CaCertificates readCa(Path file, String origin) {
        try {
            return CaCertificates.readFile(env.workDir().resolve(file), "the CA file " + file + origin);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
    }

    static boolean isHttps(String url) {
        return url != null && url.regionMatches(true, 0, "https://", 0, "https://".length());
    }

    private static String userAgent() {
        return "paas-cli/" + Version.number();
    }

    private static int handle(Exception e, CommandLine command, ParseResult parsed) {
        PrintWriter err = command.getErr();
        boolean debug = debugRequested(parsed);
        if (debug) {
            e.printStackTrace(err);
        }
        if (e instanceof UserError || e instanceof ApiException) {
            err.println(e.getMessage());
        } else {
            err.println("Unexpected error: " + e + (debug ? "" : " (run again with --debug to see where)"));
        }
        err.flush();
        return 1;
    }

    private static boolean debugRequested(ParseResult parsed) {
        for (ParseResult level = parsed; level != null; level = level.subcommand()) {
            if (level.hasMatchedOption("--debug")) {
                return true;
            }
        }
        return false;
    }

    /** The version Maven wrote into the jar's manifest. */
    static final class Version implements IVersionProvider {

        static String number() {
            String version = Paas.class.getPackage().getImplementationVersion();
            return version == null ? "development build" : version;
        }

        @Override
        public String[] getVersion() {
            return new String[] {"paas " + number()};
        }
    }
}
