package dev.paas.controller.appjson;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * What app.json did to an app so far (table {@code app_json_state}) and the file of each build ({@code
 * builds.app_json}); plain SQL inside the callers' transactions.
 */
@Repository
class AppJsonState {

    private static final TypeReference<Map<String, Integer>> COUNTS = new TypeReference<>() {
    };

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    AppJsonState(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** The formation app.json applied last; empty if never. */
    Map<String, Integer> appliedFormation(Long appId) {
        return counts("formation", appId);
    }

    /** The sizes (type to MB) app.json applied last; empty if never. */
    Map<String, Integer> appliedSizes(Long appId) {
        return counts("sizes", appId);
    }

    /** @param column formation or sizes, never a caller's text */
    private Map<String, Integer> counts(String column, Long appId) {
        List<String> found = jdbc.queryForList("SELECT " + column + " FROM app_json_state WHERE app_id = ?",
                String.class, appId);
        if (found.isEmpty() || found.get(0) == null) {
            return Map.of();
        }
        try {
            return json.readValue(found.get(0), COUNTS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("app_json_state." + column + " of app " + appId + " is not JSON", e);
        }
    }

    void applied(Long appId, Map<String, Integer> formation) {
        store("formation", appId, formation);
    }

    void appliedSizes(Long appId, Map<String, Integer> sizes) {
        store("sizes", appId, sizes);
    }

    private void store(String column, Long appId, Map<String, Integer> values) {
        try {
            jdbc.update("INSERT INTO app_json_state (app_id, " + column + ") VALUES (?, ?)"
                    + " ON CONFLICT (app_id) DO UPDATE SET " + column + " = EXCLUDED." + column, appId,
                    json.writeValueAsString(values));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Marks Heroku's first-deploy postdeploy as run; answers false if it had been already. */
    boolean claimFirstPostdeploy(Long appId) {
        jdbc.update("INSERT INTO app_json_state (app_id) VALUES (?) ON CONFLICT (app_id) DO NOTHING", appId);
        return jdbc.update("UPDATE app_json_state SET postdeploy_done = true WHERE app_id = ? AND NOT postdeploy_done",
                appId) == 1;
    }

    void storeOnBuild(Long buildId, String text) {
        jdbc.update("UPDATE builds SET app_json = ? WHERE id = ?", text, buildId);
    }
}
