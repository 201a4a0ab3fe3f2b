package dev.paas.controller.quota;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Each user's limits: the platform's defaults ({@link QuotaProperties}), with the values an admin set for that user
 * (table {@code user_quotas}, 'paas quotas:set') in their place.
 */
@Component
class QuotaLimits {

    /** A user's limits, and which of them an admin set for the user. */
    record Limits(Map<Quota, Integer> values, Map<Quota, Boolean> custom) {

        int get(Quota quota) {
            return values.get(quota);
        }
    }

    private final QuotaProperties defaults;
    private final JdbcTemplate jdbc;

    QuotaLimits(QuotaProperties defaults, JdbcTemplate jdbc) {
        this.defaults = defaults;
        this.jdbc = jdbc;
    }

    Limits of(long userId) {
        Map<Quota, Integer> values = new EnumMap<>(Quota.class);
        Map<Quota, Boolean> custom = new EnumMap<>(Quota.class);
        List<Map<String, Object>> rows = jdbc.queryForList("SELECT * FROM user_quotas WHERE user_id = ?", userId);
        for (Quota quota : Quota.values()) {
            Object own = rows.isEmpty() ? null : rows.get(0).get(quota.column());
            values.put(quota, own == null ? quota.defaultIn(defaults) : ((Number) own).intValue());
            custom.put(quota, own != null);
        }
        return new Limits(values, custom);
    }

    /** Sets the given limits (a null value puts the default back) and keeps the others as they are. */
    void set(long userId, Map<Quota, Integer> changes, String by) {
        jdbc.update("INSERT INTO user_quotas (user_id, set_by) VALUES (?, ?) ON CONFLICT (user_id) DO NOTHING",
                userId, by);
        for (Map.Entry<Quota, Integer> change : changes.entrySet()) {
            jdbc.update("UPDATE user_quotas SET " + change.getKey().column() + " = ?, set_by = ?, updated_at = now()"
                    + " WHERE user_id = ?", change.getValue(), by, userId);
        }
    }
}
