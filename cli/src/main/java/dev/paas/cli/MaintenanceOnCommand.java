package dev.paas.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.paas.api.MaintenanceRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "maintenance:on", mixinStandardHelpOptions = true,
        description = "Answer every request with 503 and a maintenance page; containers keep running, no release is made.")
final class MaintenanceOnCommand extends PaasCommand {

    /** The controller's limit too; checked here so a large file is not sent for nothing. */
    static final int MAX_PAGE_BYTES = 64 * 1024;

    @Mixin
    AppOption app;

    @Option(names = "--page", paramLabel = "FILE",
            description = "An HTML file (UTF-8, at most 64 KiB) to answer with instead of the platform's page; kept for"
                    + " the next maintenance:on.")
    Path page;

    @Override
    public Integer call() {
        String html = page == null ? null : read(page);
        return MaintenanceCommand.set(this, app, new MaintenanceRequest(true, html));
    }

    private static String read(Path file) {
        try {
            if (Files.size(file) > MAX_PAGE_BYTES) {
                throw new UserError(file + " is " + Files.size(file) + " bytes; a maintenance page may have at most "
                        + MAX_PAGE_BYTES + ".");
            }
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(Files.readAllBytes(file)))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new UserError(file + " is not UTF-8 text.");
        } catch (IOException e) {
            throw new UserError("Cannot read " + file + ": " + e.getMessage());
        }
    }
}
