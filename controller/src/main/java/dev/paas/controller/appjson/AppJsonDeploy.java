package dev.paas.controller.appjson;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import dev.paas.api.HealthCheckSetting;
import dev.paas.builder.git.Push;
import dev.paas.controller.app.App;
import dev.paas.controller.change.LockedApp;
import dev.paas.controller.health.HealthChecks;
import dev.paas.controller.limits.AppLimits;
import dev.paas.controller.quota.Quotas;
import dev.paas.controller.release.Release;
import dev.paas.controller.release.ReleaseRepository;
import dev.paas.controller.run.OneOffs;
import dev.paas.controller.web.ApiException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What a push does with its app.json: read it before the build (a malformed file, or a required variable missing
 * on the first deploy, rejects the push with nothing built); keep its health checks with the build (they gate that
 * build's containers only); under the app's lock, as part of the release's own change, add the env of a first deploy
 * and apply the formation; after the release serves, run the postdeploy scripts.
 */
@Service
public class AppJsonDeploy {

    /** A push's app.json: the parsed values, and the text stored with its build (null when it has none). */
    public record Plan(AppJson json, String text) {
        public static final Plan NONE = new Plan(AppJson.NONE, null);
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final ReleaseRepository releases;
    private final AppJsonState state;
    private final HealthChecks checks;
    private final Quotas quotas;
    private final OneOffs oneOffs;
    private final AppLimits limits;
    private final TransactionTemplate tx;

    AppJsonDeploy(ReleaseRepository releases, AppJsonState state, HealthChecks checks, Quotas quotas, OneOffs oneOffs,
                  AppLimits limits, TransactionTemplate tx) {
        this.limits = limits;
        this.releases = releases;
        this.state = state;
        this.checks = checks;
        this.quotas = quotas;
        this.oneOffs = oneOffs;
        this.tx = tx;
    }

    /** The pushed commit's app.json, parsed; {@link Plan#NONE} without one. */
    public Plan read(Push push) throws AppJsonException {
        Optional<String> text = AppJsonSource.read(push.repository(), push.newId());
        return text.isEmpty() ? Plan.NONE : new Plan(AppJsonParser.parse(text.get()), text.get());
    }

    /** Why the first deploy cannot go ahead (required variables without value), or null. Read-only. */
    @Transactional(readOnly = true)
    public String missingEnv(App app, AppJson json) {
        if (json.env().isEmpty() || deployedBefore(app.getId())) {
            return null;
        }
        List<String> missing = FirstDeployEnv.decide(json.env(), app.getConfig(), () -> "").missing();
        return missing.isEmpty() ? null : missingMessage(app.getName(), missing);
    }

    /** Keeps the file with the build, and its health checks, which gate the containers of the build's releases. */
    @Transactional
    public void storeOnBuild(Long buildId, Plan plan) {
        if (plan.text() != null) {
            state.storeOnBuild(buildId, plan.text());
        }
        plan.json().healthchecks().forEach((type, c) -> checks.setForBuild(buildId,
                new HealthCheckSetting(type, c.path(), c.timeoutSeconds(), c.attempts(), c.content())));
    }

    /**
     * Inside the release's change (the app's lock held): answers the config the release takes, and sets the app's
     * counts the file asks for. Throws (so nothing is written) when a required variable is missing.
     *
     * @param types the build's process types
     * @param by    the pusher, whose container quota the formation counts against
     */
    public Map<String, String> beforeRelease(LockedApp locked, AppJson json, Set<String> types, String by,
                                             Consumer<String> out) {
        App app = locked.app();
        Map<String, String> config = new LinkedHashMap<>(app.getConfig());
        if (!json.env().isEmpty() && !deployedBefore(app.getId())) {
            FirstDeployEnv.Result env = FirstDeployEnv.decide(json.env(), config, AppJsonDeploy::secret);
            if (!env.missing().isEmpty()) {
                throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, missingMessage(app.getName(), env.missing()));
            }
            if (!env.added().isEmpty()) {
                config.putAll(env.added());
                out.accept("-----> app.json env: set " + String.join(", ", env.added().keySet()));
            }
        }
        json.formation().keySet().stream().filter(type -> !types.contains(type)).forEach(type ->
                out.accept("       Note: app.json formation names " + type + ", which the Procfile does not: left out"));
        if (!json.formation().isEmpty()) {
            Map<String, Integer> last = state.appliedFormation(app.getId());
            Map<String, Integer> next = FormationDecision.decide(json.formation(), last, app.getStructure(), types);
            if (!next.equals(app.getStructure())) {
                Map<String, Integer> changed = new LinkedHashMap<>();
                next.forEach((type, n) -> {
                    if (!n.equals(app.getStructure().get(type))) {
                        changed.put(type, n);
                    }
                });
                quotas.checkScale(app, changed, by);
                app.setStructure(next);
                out.accept("-----> app.json formation: " + String.join(", ", changed.entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue()).toList()));
            }
            state.applied(app.getId(), FormationDecision.applied(json.formation(), last, types));
        }
        if (!json.sizes().isEmpty()) {
            sizes(app, json.sizes(), types, out);
        }
        json.healthchecks().forEach((type, c) -> {
            out.accept("-----> app.json healthcheck of " + type + ": GET " + c.path()
                    + (c.content() == null ? "" : " expecting \"" + c.content() + "\""));
        });
        return config;
    }

    /**
     * The memory app.json's sizes give, set as {@code limits:set} would but as part of the release: its containers
     * are placed with it. A size no runtime node can hold fails the push (a 422), and the running release stays.
     */
    private void sizes(App app, Map<String, Integer> file, Set<String> types, Consumer<String> out) {
        Map<String, Integer> last = state.appliedSizes(app.getId());
        Map<String, Integer> set = FormationDecision.sizes(file, last, types);
        if (!set.isEmpty()) {
            try {
                limits.setMemoryForRelease(app, set);
            } catch (ApiException e) {
                throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "app.json formation size: " + e.getMessage());
            }
            out.accept("-----> app.json formation size: " + String.join(", ", set.entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue() + "M").toList()));
        }
        state.appliedSizes(app.getId(), FormationDecision.applied(file, last, types));
    }

    /**
     * Once the release serves: Heroku's {@code scripts.postdeploy} if this was the app's first deploy, then Dokku's
     * {@code scripts.dokku.postdeploy}, each a one-off of the serving release whose output reaches the pusher and
     * the app's log. Answers what failed, or null: the release serves either way.
     */
    public String afterDeploy(App app, int version, AppJson json, Consumer<String> out) throws InterruptedException {
        AppJson.Scripts scripts = json.scripts();
        boolean first = Boolean.TRUE.equals(tx.execute(s -> state.claimFirstPostdeploy(app.getId())
                && releases.findByAppIdAndStatus(app.getId(), Release.Status.succeeded).size() == 1));
        if (scripts.firstDeployPostdeploy() == null && scripts.postdeploy() == null) {
            return null;
        }
        Release release = tx.execute(s -> releases.findByAppIdAndVersion(app.getId(), version).orElseThrow());
        StringBuilder failures = new StringBuilder();
        if (first && scripts.firstDeployPostdeploy() != null) {
            run(app, release, scripts.firstDeployPostdeploy(), "first deploy's postdeploy", out, failures);
        }
        if (scripts.postdeploy() != null) {
            run(app, release, scripts.postdeploy(), "postdeploy", out, failures);
        }
        return failures.isEmpty() ? null : failures.toString();
    }

    private void run(App app, Release release, String command, String what, Consumer<String> out,
                     StringBuilder failures) throws InterruptedException {
        out.accept("-----> Running the " + what + " command: " + command);
        int code;
        try {
            code = oneOffs.run(app.getName(), release, "postdeploy", command, line -> out.accept("       " + line),
                    id -> { });
        } catch (RuntimeException e) {
            code = -1;
            out.accept(" !     " + e.getMessage());
        }
        if (code != 0) {
            out.accept(" !     The " + what + " command exited with status " + code
                    + "; v" + release.getVersion() + " serves all the same");
            failures.append(failures.isEmpty() ? "" : "; ").append(what).append(" exited with ").append(code);
        }
    }

    private boolean deployedBefore(Long appId) {
        return releases.findFirstByAppIdAndStatusOrderByVersionDesc(appId, Release.Status.succeeded).isPresent();
    }

    static String missingMessage(String app, List<String> missing) {
        String names = String.join(", ", missing);
        return "app.json requires " + names + " on the first deploy: set " + (missing.size() == 1 ? "it" : "them")
                + " with 'paas config:set NAME=VALUE -a " + app + "' and push again.";
    }

    /** Heroku's {@code generator: secret}: 64 hex characters from a strong random source. */
    static String secret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
