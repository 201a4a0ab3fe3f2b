package dev.paas.controller.scale;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.paas.controller.app.App;
import dev.paas.controller.web.ApiException;
import org.springframework.http.HttpStatus;

/**
 * {@code ps:stop} and {@code ps:start}: a pause is a scale to 0 that remembers the count ({@code apps.paused}), so
 * the start brings back as many as ran. Runs under the app's lock; answers the counts to scale to.
 */
final class Pauses {

    private Pauses() {
    }

    static Map<String, Integer> stop(App app, List<String> types) {
        requireTypes(types);
        Map<String, Integer> paused = new LinkedHashMap<>(app.getPaused());
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String type : types) {
            if (paused.containsKey(type)) {
                throw ApiException.conflict(type + " of " + app.getName() + " is already stopped (" + paused.get(type)
                        + " to start again): 'paas ps:start " + type + "'.");
            }
            int count = app.getStructure().getOrDefault(type, 0);
            if (count == 0) {
                throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "No " + type + " processes of "
                        + app.getName() + " run: nothing to stop ('paas ps' lists them).");
            }
            paused.put(type, count);
            counts.put(type, 0);
        }
        app.setPaused(paused);
        return counts;
    }

    static Map<String, Integer> start(App app, List<String> types) {
        requireTypes(types);
        Map<String, Integer> paused = new LinkedHashMap<>(app.getPaused());
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String type : types) {
            Integer count = paused.remove(type);
            if (count == null) {
                throw ApiException.conflict(type + " of " + app.getName() + " was not stopped with 'paas ps:stop':"
                        + " scale it with 'paas scale " + type + "=N'.");
            }
            counts.put(type, count);
        }
        app.setPaused(paused);
        return counts;
    }

    private static void requireTypes(List<String> types) {
        if (types == null || types.isEmpty()) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "Give the process types, e.g. web.");
        }
    }
}
