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

/**
 * Enforces {@link QuotaProperties} where an app, a container, config or a domain is added. Use counts against the
 * app's owner; what an admin does is not limited (an admin sets the limits, and runs the platform's own apps).
 * A refusal is a 422 naming the limit, the use and the property to raise.
 */
@Component
public class Quotas {

    private static final TypeReference<Map<String, Integer>> STRUCTURE = new TypeReference<>() {
    };

    private final QuotaProperties limits;
    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    Quotas(QuotaProperties limits, JdbcTemplate jdbc, ObjectMapper json) {
        this.limits = limits;
        this.jdbc = jdbc;
        this.json = json;
    }

    public void checkNewApp(User owner) {
        if (!owner.isAdmin()) {
            Integer owned = jdbc.queryForObject("SELECT count(*) FROM apps WHERE owner_id = ?", Integer.class,
                    owner.getId());
            refuse(QuotaCheck.apps(owned == null ? 0 : owned, limits.appsPerUser()));
        }
    }

    /** @param by the user name of whoever scales */
    public void checkScale(App app, Map<String, Integer> counts, String by) {
        if (counts == null || admin(by)) {
            return;
        }
        int others = 0;
        for (String structure : jdbc.queryForList("SELECT structure FROM apps WHERE owner_id = ? AND id <> ?",
                String.class, app.getOwner().getId(), app.getId())) {
            others += structure(structure).values().stream().mapToInt(n -> n == null ? 0 : Math.max(n, 0)).sum();
        }
        refuse(QuotaCheck.containers(app.getOwner().getUsername(), app.getName(), others, app.getStructure(), counts,
                limits.containersPerUser()));
    }

    public void checkConfig(App app, Map<String, String> next, User by) {
        if (!by.isAdmin()) {
            refuse(QuotaCheck.config(app.getName(), app.getConfig(), next, limits.configBytesPerApp()));
        }
    }

    public void checkNewDomain(App app, User by) {
        if (!by.isAdmin()) {
            Integer domains = jdbc.queryForObject("SELECT count(*) FROM domains WHERE app_id = ?", Integer.class,
                    app.getId());
            refuse(QuotaCheck.domains(app.getName(), domains == null ? 0 : domains, limits.domainsPerApp()));
        }
    }

    private boolean admin(String username) {
        List<Boolean> admin = jdbc.queryForList("SELECT admin FROM users WHERE username = ?", Boolean.class, username);
        return !admin.isEmpty() && Boolean.TRUE.equals(admin.get(0));
    }

    private Map<String, Integer> structure(String text) {
        try {
            return json.readValue(text, STRUCTURE);
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
