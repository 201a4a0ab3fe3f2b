package dev.paas.api;

import java.util.List;

/**
 * An answer of {@code GET /v1/apps/{app}/logs}.
 *
 * @param cursor the id to pass as {@code after} next time: the last line's id, or the one asked with when
 *               no line came
 */
public record LogPage(long cursor, List<LogLine> lines) {
}
