package dev.paas.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "config:get", mixinStandardHelpOptions = true, description = "Print one config var's value.")
final class ConfigGetCommand extends PaasCommand {

    @Mixin
    AppOption app;

    @Parameters(paramLabel = "KEY", description = "The config var.")
    String key;

    @Override
    public Integer call() {
        String name = app.resolve(git());
        String value = ConfigCommand.ConfigVarsCli.read(api(), name).get(key);
        if (value == null) {
            throw new UserError("Config var " + key + " is not set on " + name + ": 'paas config' lists them.");
        }
        out().println(value);
        return 0;
    }
}
