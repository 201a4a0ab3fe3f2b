package dev.paas.controller.git;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.Optional;

import dev.paas.builder.git.GitAccess;
import dev.paas.controller.access.AppAccess;
import dev.paas.controller.app.App;
import dev.paas.controller.app.AppNames;
import dev.paas.controller.app.AppService;
import dev.paas.controller.key.PublicKeys;
import dev.paas.controller.key.SshKeyRepository;
import dev.paas.controller.user.User;
import dev.paas.controller.user.UserRepository;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Keys map to users through their fingerprints; a user may push to the apps {@link AppAccess#visible} gives them. */
@Component
class ControllerGitAccess implements GitAccess {

    private final SshKeyRepository keys;
    private final UserRepository users;
    private final AppAccess access;
    private final AppService appService;

    ControllerGitAccess(SshKeyRepository keys, UserRepository users, AppAccess access, AppService appService) {
        this.keys = keys;
        this.users = users;
        this.access = access;
        this.appService = appService;
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<String> userForKey(PublicKey key) {
        return keys.findByFingerprint(PublicKeys.fingerprint(key)).map(k -> k.getUser().getUsername());
    }

    @Override
    @Transactional(readOnly = true)
    public Path repositoryFor(String username, String repoName) throws AccessDeniedException {
        String name = repoName.replaceFirst("^/+", "").replaceFirst("\\.git$", "");
        if (!AppNames.isValid(name)) {
            throw new AccessDeniedException("'" + repoName + "' is not an app repository: push to ssh://git@HOST:PORT/APP.git");
        }
        User user = users.findByUsername(username).orElseThrow(() -> new AccessDeniedException("Unknown user " + username));
        Optional<App> app = access.visible(name, user);
        if (app.isEmpty()) {
            throw new AccessDeniedException("App '" + name + "' not found, or not yours: create it with 'paas create " + name + "'.");
        }
        Path repo = appService.repository(name);
        if (!Files.isDirectory(repo)) {
            throw new AccessDeniedException("The repository of '" + name + "' is missing on the controller.");
        }
        return repo;
    }
}
