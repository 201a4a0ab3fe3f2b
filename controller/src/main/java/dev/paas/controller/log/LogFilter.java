package dev.paas.controller.log;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import dev.paas.api.LogLine;
import dev.paas.controller.web.ApiException;

/**
 * Which lines a reader wants: one source, and one process type ({@code web}) or process ({@code web.1}).
 * Null means all.
 */
record LogFilter(String source, String process) {

    private static final Set<String> SOURCES = Set.of(LogLine.APP, LogLine.PLATFORM, LogLine.ROUTER, LogLine.ADDON);

    static LogFilter of(String source, String process) {
        String s = blankToNull(source);
        if (s != null && !SOURCES.contains(s)) {
            throw ApiException.badRequest("Unknown log source '" + s + "': use app, platform, router or addon.");
        }
        return new LogFilter(s, blankToNull(process));
    }

    /** The SQL conditions (on alias l) and their arguments, appended to {@code args}. */
    String sql(List<Object> args) {
        List<String> conditions = new ArrayList<>();
        if (source != null) {
            conditions.add("l.source = ?");
            args.add(source);
        }
        if (process != null) {
            conditions.add("(l.process = ? OR split_part(l.process, '.', 1) = ?)");
            args.add(process);
            args.add(process);
        }
        return conditions.isEmpty() ? "" : " AND " + String.join(" AND ", conditions);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
