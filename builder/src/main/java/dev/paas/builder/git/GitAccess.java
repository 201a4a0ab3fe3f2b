package dev.paas.builder.git;

import java.nio.file.Path;
import java.security.PublicKey;
import java.util.Optional;

/** What the git server asks the controller: who owns a key, and which repository a user may push to. */
public interface GitAccess {

    /** The user who registered this key, or empty if nobody did (the connection is then refused). */
    Optional<String> userForKey(PublicKey key);

    /**
     * The bare repository behind {@code repoName} (as the client sent it, e.g. {@code /hello.git}) if
     * {@code user} may push to it.
     *
     * @throws AccessDeniedException with a message for the pusher when the app is unknown or not theirs
     */
    Path repositoryFor(String user, String repoName) throws AccessDeniedException;

    final class AccessDeniedException extends Exception {
        public AccessDeniedException(String message) {
            super(message);
        }
    }
}
