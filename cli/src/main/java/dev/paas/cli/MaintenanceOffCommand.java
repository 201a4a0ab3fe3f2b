package dev.paas.cli;

import dev.paas.api.MaintenanceRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "maintenance:off", mixinStandardHelpOptions = true,
        description = "Serve an app's running containers again.")
final class MaintenanceOffCommand extends PaasCommand {

    @Mixin
    AppOption app;

    @Override
    public Integer call() {
        return MaintenanceCommand.set(this, app, new MaintenanceRequest(false, null));
    }
}
