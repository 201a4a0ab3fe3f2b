package dev.paas.api;

import java.util.List;

/**
 * How a process type's command (a Procfile line) runs in its container. Through bash when the image has it, so the
 * command's last process replaces the shell and receives the stop signal itself: Debian's {@code /bin/sh} (dash)
 * keeps itself as the parent and dies on SIGTERM, which ends the container at once and cuts the requests in flight
 * during a rollout instead of letting the app finish them. bash 5 execs a single command and the last command of a
 * list, as on Heroku, whose dynos run commands with bash. Images without bash keep {@code /bin/sh -c}.
 */
public final class ProcessCommand {

    /** The command is the script's first argument, never part of the script: nothing is quoted or interpolated. */
    private static final String SCRIPT =
            "if command -v bash >/dev/null 2>&1; then exec bash -c \"$1\"; fi; exec /bin/sh -c \"$1\"";

    private ProcessCommand() {
    }

    /** The container command that runs {@code command}. */
    public static List<String> argv(String command) {
        return List.of("/bin/sh", "-c", SCRIPT, "sh", command);
    }
}
