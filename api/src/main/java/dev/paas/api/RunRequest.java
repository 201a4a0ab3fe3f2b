package dev.paas.api;

import java.util.List;

/** {@code paas run -- CMD ARGS}: the argv of a one-off process (not passed through a shell). */
public record RunRequest(List<String> command) {
}
