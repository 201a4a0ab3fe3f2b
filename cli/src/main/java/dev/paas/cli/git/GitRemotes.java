package dev.paas.cli.git;

import java.util.Optional;

/** Reads the app name out of a git remote URL: {@code ssh://git@host:2222/hello.git} and {@code git@host:hello.git} give hello. */
public final class GitRemotes {

    /** The remote {@code paas create} adds and every command reads when no {@code -a} is given. */
    public static final String REMOTE = "paas";

    private GitRemotes() {
    }

    public static Optional<String> appName(String url) {
        if (url == null) {
            return Optional.empty();
        }
        String path = url.strip();
        int scheme = path.indexOf("://");
        if (scheme >= 0) {
            int slash = path.indexOf('/', scheme + 3);
            path = slash < 0 ? "" : path.substring(slash);
        } else {
            // scp-like syntax, user@host:path; a colon after the first slash belongs to a local path instead
            int colon = path.indexOf(':');
            int slash = path.indexOf('/');
            if (colon >= 0 && (slash < 0 || colon < slash)) {
                path = path.substring(colon + 1);
            }
        }
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        if (path.endsWith(".git")) {
            path = path.substring(0, path.length() - ".git".length());
        }
        String name = path.substring(path.lastIndexOf('/') + 1);
        return name.isEmpty() ? Optional.empty() : Optional.of(name);
    }
}
