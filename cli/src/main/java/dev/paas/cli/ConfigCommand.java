package dev.paas.cli;

import java.util.Map;

import dev.paas.cli.http.ApiClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "config", aliases = "config:list", mixinStandardHelpOptions = true,
        description = "List an app's config vars.")
final class ConfigCommand extends PaasCommand {

    @Mixin
    AppOption app;

    @Option(names = "--shell", description = "Print KEY=value lines, as a shell's env file reads them.")
    boolean shell;

    @Override
    public Integer call() {
        String name = app.resolve(git());
        Map<String, String> config = ConfigVarsCli.read(api(), name);
        if (shell) {
            config.forEach((k, v) -> out().println(k + "=" + v));
            return 0;
        }
        out().println("=== " + name + " Config Vars");
        int width = config.keySet().stream().mapToInt(String::length).max().orElse(0) + 1;
        config.forEach((k, v) -> out().println(String.format("%-" + (width + 1) + "s", k + ":") + v));
        return 0;
    }

    /** The app's config, sorted by key. */
    static final class ConfigVarsCli {
        private ConfigVarsCli() {
        }

        @SuppressWarnings("unchecked")
        static Map<String, String> read(ApiClient api, String app) {
            return api.get("/v1/apps/" + ApiClient.segment(app) + "/config", java.util.TreeMap.class);
        }
    }
}
