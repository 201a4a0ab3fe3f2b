package dev.paas.builder.git;

import java.security.PublicKey;
import java.util.Optional;

import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.server.auth.pubkey.PublickeyAuthenticator;
import org.apache.sshd.server.session.ServerSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accepts a key only if a user registered it, and remembers that user on the session for the git command. The
 * SSH user name is ignored (everyone connects as {@code git@}); the key alone says who is pushing.
 */
final class KeyOwnerAuthenticator implements PublickeyAuthenticator {

    private static final Logger log = LoggerFactory.getLogger(KeyOwnerAuthenticator.class);
    private static final AttributeKey<String> USER = new AttributeKey<>();

    private final GitAccess access;

    KeyOwnerAuthenticator(GitAccess access) {
        this.access = access;
    }

    /** The authenticated user; only ever called after authentication succeeded. */
    static String userOf(Session session) {
        String user = session.getAttribute(USER);
        if (user == null) {
            throw new IllegalStateException("No authenticated user on session " + session);
        }
        return user;
    }

    @Override
    public boolean authenticate(String username, PublicKey key, ServerSession session) {
        Optional<String> user;
        try {
            user = access.userForKey(key);
        } catch (RuntimeException e) {
            log.error("Could not look up the owner of an SSH key; refusing it", e);
            user = Optional.empty();
        }
        // SSHD asks before it verifies the signature and a client may offer several keys (even someone else's
        // public key): overwrite on every call, so the last key asked about, the one that was verified, wins.
        if (user.isPresent()) {
            session.setAttribute(USER, user.get());
        } else {
            session.removeAttribute(USER);
        }
        return user.isPresent();
    }
}
