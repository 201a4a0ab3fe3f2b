package dev.paas.cli;

import dev.paas.cli.http.ApiClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "addons:backups:download", mixinStandardHelpOptions = true,
        description = "Write a backup's dump to standard output: paas addons:backups:download ADDON ID > dump")
final class AddonsBackupsDownloadCommand extends PaasCommand {

    @Parameters(index = "0", paramLabel = "ADDON", description = "The add-on's name.")
    String addon;

    @Parameters(index = "1", paramLabel = "ID", description = "The backup's id.")
    long id;

    @Override
    public Integer call() {
        api().download("/v1/addons/" + ApiClient.segment(addon) + "/backups/" + id + "/download", System.out);
        System.out.flush();
        return 0;
    }
}
