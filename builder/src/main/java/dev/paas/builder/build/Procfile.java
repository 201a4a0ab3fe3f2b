package dev.paas.builder.build;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads a Procfile: one {@code name: command} line per process type, e.g. {@code web: python3 app.py}.
 * Blank lines and {@code #} comments are ignored.
 */
public final class Procfile {

    public static final String FILE_NAME = "Procfile";

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]+");

    private Procfile() {
    }

    /**
     * @return process type to command, in file order
     * @throws IllegalArgumentException naming the line when a line is malformed or repeats a process type
     */
    public static Map<String, String> parse(String text) {
        Map<String, String> processes = new LinkedHashMap<>();
        String[] lines = text.replace("\uFEFF", "").split("\\R", -1);
        for (int i = 0; i < lines.length; i++) {
            int number = i + 1;
            String line = withoutComment(lines[i]).strip();
            if (line.isEmpty()) {
                continue;
            }
            int colon = line.indexOf(':');
            String name = colon < 0 ? "" : line.substring(0, colon).strip();
            String command = colon < 0 ? "" : line.substring(colon + 1).strip();
            if (colon <= 0 || command.isEmpty()) {
                throw new IllegalArgumentException("Procfile line " + number + " is not 'name: command'");
            }
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("Procfile line " + number + " is not 'name: command': '" + name
                        + "' is not a process type (use letters, digits, _ and -)");
            }
            if (processes.putIfAbsent(name, command) != null) {
                throw new IllegalArgumentException(
                        "Procfile line " + number + " declares '" + name + "' again: name each process type once");
            }
        }
        return Collections.unmodifiableMap(processes);
    }

    /**
     * Cuts the line at a {@code #} that starts a word outside quotes. That is exactly where {@code /bin/sh}
     * would start a comment, so the command we keep is the command that runs, and {@code echo 'a # b'} or
     * {@code curl http://x/#top} survive intact.
     */
    private static String withoutComment(String line) {
        char quote = 0;
        boolean wordStart = true;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else if (c == '\\' && quote == '"') {
                    i++;
                }
            } else if (c == '#' && wordStart) {
                return line.substring(0, i);
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '\\') {
                i++;
            }
            wordStart = quote == 0 && Character.isWhitespace(c);
        }
        return line;
    }
}
