package dev.paas.controller.config;

import java.util.Map;
import java.util.TreeMap;

import dev.paas.api.ConfigChangeResult;
import dev.paas.api.ConfigUpdate;
import dev.paas.controller.app.App;
import dev.paas.controller.quota.Quotas;
import dev.paas.controller.release.ReleaseChanges;
import dev.paas.controller.release.ReleaseViews;
import dev.paas.controller.user.User;
import dev.paas.controller.web.ApiException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * config:set and config:unset, for the API and the dashboard alike: the new config is merged onto the current one
 * and released from the current build, rolled out before the answer.
 */
@Service
public class ConfigChanges {

    private final ReleaseChanges changes;
    private final Quotas quotas;

    ConfigChanges(ReleaseChanges changes, Quotas quotas) {
        this.changes = changes;
        this.quotas = quotas;
    }

    public ConfigChangeResult change(App app, User user, ConfigUpdate update) throws InterruptedException {
        ReleaseChanges.Outcome outcome = changes.apply(app, user, (a, current) -> {
            Map<String, String> next;
            try {
                next = ConfigVars.apply(a.getConfig(), update.set(), update.unset());
            } catch (ConfigVars.InvalidChange e) {
                throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, e.getMessage());
            }
            quotas.checkConfig(a, next, user);
            String summary = ConfigVars.summary(a.getConfig(), next);
            return new ReleaseChanges.Next(current == null ? null : current.getBuild(), next, summary);
        });
        return new ConfigChangeResult(new TreeMap<>(outcome.config()),
                outcome.release() == null ? null : ReleaseViews.detail(outcome.release()));
    }
}
