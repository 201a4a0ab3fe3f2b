package dev.paas.cli;

import java.io.PrintWriter;

import dev.paas.api.EdgeView;

/** How the maintenance and limits commands print an app's edge settings. */
final class EdgeLines {

    private EdgeLines() {
    }

    static void maintenance(PrintWriter out, EdgeView view) {
        String page = view.customPage() ? "the app's own page, " + view.pageBytes() + " bytes" : "the platform's page";
        out.println("Maintenance of " + view.app() + ": " + (view.maintenance()
                ? "on (every request answers 503 with " + page + ")" : "off"));
    }

    static void limits(PrintWriter out, EdgeView view) {
        out.println("Request body: up to " + view.maxBodyMb() + " MB" + (view.maxBodyDefault() ? " (default)" : ""));
        out.println("Read timeout: " + view.readTimeoutSeconds() + " s" + (view.readTimeoutDefault() ? " (default)" : ""));
    }
}
