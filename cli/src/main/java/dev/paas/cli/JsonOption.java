package dev.paas.cli;

import java.io.PrintWriter;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.paas.cli.http.Json;
import picocli.CommandLine.Option;

/** {@code --json}, mixed into every listing command: the API's answer as JSON, for scripts. */
final class JsonOption {

    @Option(names = "--json", description = "Print JSON instead of a table, for scripts.")
    boolean json;

    /** Prints {@code value} as indented JSON when --json was given; returns whether it did. */
    boolean print(PrintWriter out, Object value) {
        if (!json) {
            return false;
        }
        try {
            out.println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return true;
    }
}
