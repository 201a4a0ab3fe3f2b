package dev.paas.controller.appjson;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The variables app.json's {@code env} adds when an app is first deployed: a variable the app already has keeps
 * its value; otherwise the file's value, or a generated secret; a required one with neither is missing.
 */
public final class FirstDeployEnv {

    /** @param missing each missing variable with its description, for the pusher */
    public record Result(Map<String, String> added, List<String> missing) {
    }

    private FirstDeployEnv() {
    }

    public static Result decide(Map<String, AppJson.EnvVar> spec, Map<String, String> config, Supplier<String> secret) {
        Map<String, String> added = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        spec.forEach((name, v) -> {
            if (config.containsKey(name)) {
                return;
            }
            if (v.value() != null && !(v.value().isEmpty() && v.required())) {
                added.put(name, v.value());
            } else if ("secret".equals(v.generator())) {
                added.put(name, secret.get());
            } else if (v.required()) {
                missing.add(v.description() == null || v.description().isBlank() ? name
                        : name + " (" + v.description().strip() + ")");
            }
        });
        return new Result(added, missing);
    }
}
