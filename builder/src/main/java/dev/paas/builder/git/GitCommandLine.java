package dev.paas.builder.git;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one command line a git client sends over SSH, e.g. {@code git-receive-pack '/hello.git'}, checked against a
 * strict pattern so that nothing the client sends is ever interpreted any further.
 *
 * @param path the repository path as the client sent it, without quotes (e.g. {@code /hello.git})
 * @param app  the app the repository belongs to (e.g. {@code hello})
 */
record GitCommandLine(Service service, String path, String app) {

    enum Service { RECEIVE_PACK, UPLOAD_PACK }

    private static final String REFUSED = "This server only accepts git push: ";
    private static final Pattern COMMAND = Pattern.compile("(git-receive-pack|git-upload-pack) (.*)", Pattern.DOTALL);
    // git quotes the path in single quotes; ssh://host/hello.git sends '/hello.git', git@host:hello.git 'hello.git'
    private static final Pattern PATH = Pattern.compile("'(/?([a-z0-9-]+)(?:\\.git)?)'");

    /** @throws IllegalArgumentException with a message for the client when the command is anything else */
    static GitCommandLine parse(String commandLine) {
        Matcher command = COMMAND.matcher(commandLine);
        if (!command.matches()) {
            throw new IllegalArgumentException(REFUSED + quote(commandLine)
                    + " is not a git command this server runs (only git-receive-pack and git-upload-pack).");
        }
        Matcher path = PATH.matcher(command.group(2));
        if (!path.matches()) {
            throw new IllegalArgumentException(REFUSED + quote(command.group(2))
                    + " is not an app repository: use <app>.git, lowercase letters, digits and dashes.");
        }
        Service service = command.group(1).equals("git-receive-pack") ? Service.RECEIVE_PACK : Service.UPLOAD_PACK;
        return new GitCommandLine(service, path.group(1), path.group(2));
    }

    /** Echoes what the client sent, but never its control characters, back to the client's terminal. */
    private static String quote(String text) {
        String shown = text.length() > 100 ? text.substring(0, 100) + "..." : text;
        return "\"" + shown.replaceAll("\\p{Cntrl}", "?") + "\"";
    }
}
