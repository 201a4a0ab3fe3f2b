package dev.paas.controller.quota;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.paas.controller.app.App;
import dev.paas.controller.user.User;
import dev.paas.controller.web.ApiException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Enforces the limits ({@link QuotaLimits}: the defaults, or what an admin set for the user) where an app, a
 * container, config or a domain is added. Use counts against the app's owner; what an admin does is not limited (an
 * admin sets the limits, and runs the platform's own apps). A refusal is a 422 naming the limit, the use and how to
 * get more.
 *
 * <p>Each check runs inside the transaction that makes the change, after taking the lock that serialises the
 * changes it counts: the owner's user row for apps and containers (two apps of one owner scale under two different
 * app locks), the app's row for its domains; config changes already hold the app's change lock. So a count is
 * never read while another change that would pass the same check is yet to commit.
 */
@Component
public class Quotas {

    private static final TypeReference<Map<String, Integer>> STRUCTURE = new TypeReference<>() {
    };
    private static final TypeReference<Map<String, String>> CONFIG = new TypeReference<>() {
    };

    private final QuotaLimits limits;
    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    Quotas(QuotaLimits limits, JdbcTemplate jdbc, ObjectMapper json) {
        this.limits = limits;
        this.jdbc = jdbc;
        this.json = json;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void checkNewApp(User owner) {
        if (!owner.isAdmin()) {
            lockUser(owner.getId());
            refuse(QuotaCheck.apps(owner.getUsername(), ownedApps(owner.getId()),
                    limits.of(owner.getId()).get(Quota.APPS)));
        }
    }

    /** @param by the user name of whoever scales; inside the app's change lock */
    @Transactional(propagation = Propagation.MANDATORY)
    public void checkScale(App app, Map<String, Integer> counts, String by) {
        if (counts == null || admin(by)) {
            return;
        }
        Long owner = app.getOwner().getId();
        lockUser(owner);
        int others = 0;
        for (String structure : jdbc.queryForList("SELECT structure FROM apps WHERE owner_id = ? AND id <> ?",
                String.class, owner, app.getId())) {
            others += containers(structure);
        }
        refuse(QuotaCheck.containers(app.getOwner().getUsername(), app.getName(), others, app.getStructure(), counts,
                limits.of(owner).get(Quota.CONTAINERS)));
    }

    /** Inside the app's change lock, which every config change takes. */
    public void checkConfig(App app, Map<String, String> next, User by) {
        if (!by.isAdmin()) {
            refuse(QuotaCheck.config(app.getOwner().getUsername(), app.getName(), app.getConfig(), next,
                    limits.of(app.getOwner().getId()).get(Quota.CONFIG_BYTES)));
        }
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void checkNewDomain(App app, User by) {
        if (!by.isAdmin()) {
            // The app's own row: domains of one app are added one at a time (and not while the app changes).
            jdbc.queryForList("SELECT id FROM apps WHERE id = ? FOR UPDATE", Long.class, app.getId());
            refuse(QuotaCheck.domains(app.getOwner().getUsername(), app.getName(), domains(app.getId()),
                    limits.of(app.getOwner().getId()).get(Quota.DOMAINS)));
        }
    }

    /** The use of each limit now: per user, the total; per app, the app using the most. */
    Map<Quota, Long> use(long userId) {
        long containers = 0;
        for (String structure : jdbc.queryForList("SELECT structure FROM apps WHERE owner_id = ?", String.class,
                userId)) {
            containers += containers(structure);
        }
        long configBytes = 0;
        for (String config : jdbc.queryForList("SELECT config FROM apps WHERE owner_id = ?", String.class, userId)) {
            configBytes = Math.max(configBytes, configBytes(config));
        }
        Long domains = jdbc.queryForObject("SELECT coalesce(max(n), 0) FROM (SELECT count(d.id) AS n FROM apps a"
                + " JOIN domains d ON d.app_id = a.id WHERE a.owner_id = ? GROUP BY a.id) per_app", Long.class, userId);
        return Map.of(Quota.APPS, (long) ownedApps(userId), Quota.CONTAINERS, containers,
                Quota.CONFIG_BYTES, configBytes, Quota.DOMAINS, domains == null ? 0 : domains);
    }

    /**
     * Locks the user's row for the rest of the transaction. FOR NO KEY UPDATE, not FOR UPDATE: it does not block the
     * key-share locks that inserting a row referencing the user takes (a login's token, an app's own insert).
     */
    private void lockUser(long userId) {
        jdbc.queryForList("SELECT id FROM users WHERE id = ? FOR NO KEY UPDATE", Long.class, userId);
    }

    private int ownedApps(long userId) {
        Integer owned = jdbc.queryForObject("SELECT count(*) FROM apps WHERE owner_id = ?", Integer.class, userId);
        return owned == null ? 0 : owned;
    }

    private int domains(long appId) {
        Integer domains = jdbc.queryForObject("SELECT count(*) FROM domains WHERE app_id = ?", Integer.class, appId);
        return domains == null ? 0 : domains;
    }

    private boolean admin(String username) {
        List<Boolean> admin = jdbc.queryForList("SELECT admin FROM users WHERE username = ?", Boolean.class, username);
        return !admin.isEmpty() && Boolean.TRUE.equals(admin.get(0));
    }

    private int containers(String structure) {
        try {
            return json.readValue(structure, STRUCTURE).values().stream()
                    .mapToInt(n -> n == null ? 0 : Math.max(n, 0)).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private long configBytes(String config) {
        try {
            return QuotaCheck.bytes(json.readValue(config, CONFIG));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void refuse(Optional<String> refusal) {
        if (refusal.isPresent()) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, refusal.get());
        }
    }
}
