package dev.paas.cli;

import java.io.File;
import java.io.IOException;
import java.util.Map;

import dev.paas.api.AppView;
import dev.paas.cli.http.ApiClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * Prints the app's web URL and, on a desktop (DISPLAY or WAYLAND_DISPLAY set, xdg-open on PATH), opens it in
 * the browser. The URL is passed as one argument, never through a shell.
 */
@Command(name = "open", aliases = "apps:open", mixinStandardHelpOptions = true,
        description = "Print the app's web URL and open it in the browser when there is one.")
final class OpenCommand extends PaasCommand {

    @Mixin
    AppOption app;

    @Override
    public Integer call() {
        AppView view = api().get("/v1/apps/" + ApiClient.segment(app.resolve(git())), AppView.class);
        out().println(view.webUrl());
        Map<String, String> env = System.getenv();
        if ((env.containsKey("DISPLAY") || env.containsKey("WAYLAND_DISPLAY")) && onPath("xdg-open", env.get("PATH"))) {
            try {
                new ProcessBuilder("xdg-open", view.webUrl()).inheritIO().start();
            } catch (IOException e) {
                err().println("Could not start xdg-open: " + e.getMessage());
            }
        }
        return 0;
    }

    private static boolean onPath(String program, String path) {
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (new File(dir, program).canExecute()) {
                return true;
            }
        }
        return false;
    }
}
