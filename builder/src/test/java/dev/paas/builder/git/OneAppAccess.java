package dev.paas.builder.git;

import java.nio.file.Path;
import java.security.PublicKey;
import java.util.Optional;

import org.apache.sshd.common.config.keys.PublicKeyEntry;

/** alice, known by one public key, owns the one app, hello. Keys compare as OpenSSH lines, as stored ones would. */
final class OneAppAccess implements GitAccess {

    private final String aliceKey;
    private final Path helloRepository;

    OneAppAccess(String aliceKey, Path helloRepository) {
        this.aliceKey = aliceKey;
        this.helloRepository = helloRepository;
    }

    @Override
    public Optional<String> userForKey(PublicKey key) {
        return PublicKeyEntry.toString(key).equals(aliceKey) ? Optional.of("alice") : Optional.empty();
    }

    @Override
    public Path repositoryFor(String user, String repoName) throws AccessDeniedException {
        String app = repoName.replaceFirst("^/", "").replaceFirst("\\.git$", "");
        if (!user.equals("alice") || !app.equals("hello")) {
            throw new AccessDeniedException("App '" + app + "' does not exist or is not yours.");
        }
        return helloRepository;
    }
}
