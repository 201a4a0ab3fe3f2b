package dev.paas.controller.appjson;

import java.util.List;
import java.util.Map;

/**
 * What this platform reads from an app's {@code app.json} (Heroku's and Dokku's fields); every field is present
 * (empty when the file does not say).
 *
 * @param formation    process type to quantity; applied on the first deploy and whenever the file's value changes
 * @param sizes        process type to the memory (MB) its {@code size} names ({@link DynoSizes}); applied as the
 *                     quantity is, as the type's memory limit
 * @param healthchecks process type to its startup check (Dokku's form)
 * @param scripts      predeploy, postdeploy (Dokku's) and Heroku's first-deploy postdeploy
 * @param env          variables set when the app is first deployed, in file order
 * @param cron         scheduled one-offs of the current release
 * @param notes        what the file asks that this platform leaves out, told to the pusher
 */
public record AppJson(Map<String, Integer> formation, Map<String, Integer> sizes, Map<String, Check> healthchecks, Scripts scripts,
                      Map<String, EnvVar> env, List<CronEntry> cron, List<String> notes) {

    public static final AppJson NONE = new AppJson(Map.of(), Map.of(), Map.of(), new Scripts(null, null, null), Map.of(), List.of(),
            List.of());

    /**
     * A startup check: {@code GET path} must answer 2xx/3xx, with {@code content} (if any) in the body.
     *
     * @param attempts failed checks, counted at most one a second, before the release fails
     */
    public record Check(String path, String content, int timeoutSeconds, int attempts) {
    }

    /** Each null when absent. */
    public record Scripts(String predeploy, String postdeploy, String firstDeployPostdeploy) {
    }

    /** @param generator null or {@code secret} */
    public record EnvVar(String value, boolean required, String description, String generator) {
    }

    /** @param concurrencyPolicy allow, forbid or replace */
    public record CronEntry(String name, String command, String schedule, String concurrencyPolicy) {
    }
}
