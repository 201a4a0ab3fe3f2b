package dev.paas.api;

/**
 * One line of the answer to {@code POST /v1/apps/{app}/run} (newline-delimited JSON): a piece of output, or,
 * last, the exit code.
 *
 * @param stream   {@code stdout} or {@code stderr}; null on the last line
 * @param text     the output exactly as written (not necessarily whole lines)
 * @param exitCode the process's exit code, on the last line only
 */
public record RunOutput(String stream, String text, Integer exitCode) {
}
