package dev.paas.cli;

import java.util.List;
import java.util.Map;

import dev.paas.api.ConfigUpdate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "config:unset", mixinStandardHelpOptions = true,
        description = "Remove config vars; makes a new release and rolls it out with no downtime.")
final class ConfigUnsetCommand extends PaasCommand {

    @Mixin
    AppOption app;

    @Parameters(arity = "1..*", paramLabel = "KEY", description = "Config vars to remove; each must be set.")
    List<String> keys;

    @Override
    public Integer call() {
        String name = app.resolve(git());
        return ConfigSetCommand.change(this, name, "Unsetting " + String.join(", ", keys),
                new ConfigUpdate(Map.of(), keys));
    }
}
