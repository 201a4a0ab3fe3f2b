package dev.paas.controller.key;

import java.util.List;

import dev.paas.api.SshKeyRequest;
import dev.paas.api.SshKeyView;
import dev.paas.controller.web.ApiException;
import dev.paas.controller.web.CurrentUser;
import dev.paas.controller.user.User;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
class KeyController {

    private final SshKeyRepository keys;

    KeyController(SshKeyRepository keys) {
        this.keys = keys;
    }

    @GetMapping("/v1/keys")
    List<SshKeyView> list(HttpServletRequest request) {
        return keys.findByUserIdOrderByCreatedAt(CurrentUser.of(request).getId()).stream().map(KeyController::view).toList();
    }

    @PostMapping("/v1/keys")
    @ResponseStatus(HttpStatus.CREATED)
    SshKeyView add(@RequestBody SshKeyRequest body, HttpServletRequest request) {
        User user = CurrentUser.of(request);
        PublicKeys.Parsed parsed;
        try {
            parsed = PublicKeys.parse(body.publicKey());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        keys.findByFingerprint(parsed.fingerprint()).ifPresent(existing -> {
            String whose = existing.getUser().getId().equals(user.getId()) ? "your account" : "another user";
            throw ApiException.conflict("Key " + parsed.fingerprint() + " is already registered to " + whose + ".");
        });
        return view(keys.save(new SshKey(user, parsed.fingerprint(), parsed.canonical(), parsed.comment())));
    }

    private static SshKeyView view(SshKey key) {
        return new SshKeyView(key.getFingerprint(), key.getComment(), key.getCreatedAt());
    }
}
