package dev.paas.controller.quota;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import dev.paas.api.QuotaUpdate;
import dev.paas.api.QuotaView;
import dev.paas.api.UserQuotas;
import dev.paas.controller.user.User;
import dev.paas.controller.user.UserRepository;
import dev.paas.controller.web.ApiException;
import dev.paas.controller.web.CurrentUser;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** 'paas quotas': a user sees their own limits and use, an admin anyone's; 'paas quotas:set' is for admins. */
@RestController
class QuotaController {

    /** Far above anything one controller runs, and within an INTEGER column. */
    private static final int MAX_LIMIT = 1_000_000_000;

    private final QuotaLimits limits;
    private final Quotas quotas;
    private final UserRepository users;

    QuotaController(QuotaLimits limits, Quotas quotas, UserRepository users) {
        this.limits = limits;
        this.quotas = quotas;
        this.users = users;
    }

    @GetMapping("/v1/users/{username}/quotas")
    UserQuotas show(@PathVariable String username, HttpServletRequest request) {
        User caller = CurrentUser.of(request);
        if (!caller.isAdmin() && !caller.getUsername().equals(username)) {
            throw new ApiException(HttpStatus.FORBIDDEN, "You see your own quotas ('paas quotas'); an admin sees"
                    + " everyone's.");
        }
        return view(find(username));
    }

    @PostMapping("/v1/users/{username}/quotas")
    @Transactional
    UserQuotas set(@PathVariable String username, @RequestBody QuotaUpdate update, HttpServletRequest request) {
        User caller = CurrentUser.of(request);
        if (!caller.isAdmin()) {
            throw new ApiException(HttpStatus.FORBIDDEN, "Only admins set quotas: ask one to run 'paas quotas:set "
                    + caller.getUsername() + " NAME=N'.");
        }
        User user = find(username);
        Map<String, Integer> set = update == null || update.limits() == null ? Map.of() : update.limits();
        List<String> reset = update == null || update.reset() == null ? List.of() : update.reset();
        if (set.isEmpty() && reset.isEmpty()) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "Name a limit to set: " + names() + ".");
        }
        Map<Quota, Integer> changes = new EnumMap<>(Quota.class);
        set.forEach((name, value) -> {
            if (value == null || value < 0 || value > MAX_LIMIT) {
                throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "The limit " + name + "=" + value
                        + " is out of range: 0 to " + MAX_LIMIT + ", or 'default'.");
            }
            changes.put(quota(name), value);
        });
        reset.forEach(name -> changes.put(quota(name), null));
        limits.set(user.getId(), changes, caller.getUsername());
        return view(user);
    }

    private UserQuotas view(User user) {
        QuotaLimits.Limits own = limits.of(user.getId());
        Map<Quota, Long> use = quotas.use(user.getId());
        List<QuotaView> views = new ArrayList<>();
        for (Quota quota : Quota.values()) {
            views.add(new QuotaView(quota.key(), quota.perUser() ? "user" : "app", own.get(quota), use.get(quota),
                    own.custom().get(quota)));
        }
        return new UserQuotas(user.getUsername(), user.isAdmin(), views);
    }

    private User find(String username) {
        return users.findByUsername(username).orElseThrow(() -> ApiException.notFound("No user '" + username
                + "': an admin lists them with 'paas users'."));
    }

    private static Quota quota(String name) {
        return Quota.byKey(name).orElseThrow(() -> new ApiException(HttpStatus.UNPROCESSABLE_ENTITY,
                "There is no quota '" + name + "': " + names() + "."));
    }

    private static String names() {
        List<String> names = new ArrayList<>();
        for (Quota quota : Quota.values()) {
            names.add(quota.key());
        }
        return String.join(", ", names);
    }
}
