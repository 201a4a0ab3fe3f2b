package dev.paas.agent.logs;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** One line of {@code docker logs --timestamps} output: {@code 2026-11-22T10:20:00.123456789Z text}. */
record DockerLogLine(Instant time, String text) {

    /**
     * The lines of one frame of Docker's log stream. A frame normally holds one line; a line without a
     * timestamp (it should not happen) keeps its text and gets {@code now}.
     */
    static List<DockerLogLine> parse(String frame, Instant now) {
        List<DockerLogLine> lines = new ArrayList<>();
        for (String raw : frame.split("\n", -1)) {
            String line = raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw;
            if (line.isEmpty()) {
                continue;
            }
            int space = line.indexOf(' ');
            Instant time = space > 0 ? timestamp(line.substring(0, space)) : null;
            lines.add(time == null ? new DockerLogLine(now, line) : new DockerLogLine(time, line.substring(space + 1)));
        }
        return lines;
    }

    private static Instant timestamp(String text) {
        if (text.length() < 20 || text.charAt(4) != '-' || text.charAt(10) != 'T') {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
