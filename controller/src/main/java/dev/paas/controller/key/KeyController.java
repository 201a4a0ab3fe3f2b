package dev.paas.controller.key;

import java.util.List;

import dev.paas.api.SshKeyRequest;
import dev.paas.api.SshKeyView;
import dev.paas.controller.web.ApiException;
import dev.paas.controller.web.CurrentUser;
import dev.paas.controller.user.User;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
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

    /** Removes one of the caller's keys, named by its fingerprint or, when that is unambiguous, its comment. */
    @DeleteMapping("/v1/keys")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void remove(@RequestParam String key, HttpServletRequest request) {
        List<SshKey> mine = keys.findByUserIdOrderByCreatedAt(CurrentUser.of(request).getId());
        List<SshKey> matching = mine.stream().filter(k -> k.getFingerprint().equals(key)).toList();
        if (matching.isEmpty()) {
            matching = mine.stream().filter(k -> key.equals(k.getComment())).toList();
        }
        if (matching.isEmpty()) {
            throw ApiException.notFound("You have no SSH key '" + key + "': 'paas keys' lists yours.");
        }
        if (matching.size() > 1) {
            throw ApiException.conflict("Several of your keys have the comment '" + key
                    + "': remove one by its fingerprint ('paas keys' lists them).");
        }
        keys.delete(matching.get(0));
    }

    private static SshKeyView view(SshKey key) {
        return new SshKeyView(key.getFingerprint(), key.getComment(), key.getCreatedAt());
    }
}
