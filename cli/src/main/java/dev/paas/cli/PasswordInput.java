package dev.paas.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A new password, from the first line of standard input or typed twice on the terminal: never from an argument,
 * where other users of the machine would see it in the process list and the shell would keep it in its history.
 */
final class PasswordInput {

    private PasswordInput() {
    }

    static String read(CliEnvironment env, boolean fromStdin) throws IOException {
        return fromStdin ? firstLine(env) : typedTwice(env);
    }

    private static String firstLine(CliEnvironment env) throws IOException {
        // Not closed: it wraps the process's stdin.
        String line = new BufferedReader(new InputStreamReader(env.stdin(), StandardCharsets.UTF_8)).readLine();
        if (line == null || line.isEmpty()) {
            throw new UserError("No password on standard input: pipe it in, e.g. paas users:create NAME --password-stdin < file");
        }
        return line;
    }

    private static String typedTwice(CliEnvironment env) {
        Console console = env.console();
        if (console == null) {
            throw new UserError("Cannot ask for a password without a terminal: use --password-stdin");
        }
        String first = typed(console, "Password: ");
        if (!first.equals(typed(console, "Password again: "))) {
            throw new UserError("The passwords differ: nothing was changed.");
        }
        return first;
    }

    private static String typed(Console console, String prompt) {
        char[] password = console.readPassword(prompt);
        if (password == null || password.length == 0) {
            throw new UserError("No password given.");
        }
        String text = new String(password);
        Arrays.fill(password, '\0');
        return text;
    }
}
