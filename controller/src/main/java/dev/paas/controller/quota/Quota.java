package dev.paas.controller.quota;

import java.util.Arrays;
import java.util.Optional;

/** The limits there are: the name 'paas quotas:set' takes, the column of a user's own value, and the default. */
enum Quota {
    APPS("apps", "apps_per_user", true),
    CONTAINERS("containers", "containers_per_user", true),
    CONFIG_BYTES("config-bytes", "config_bytes_per_app", false),
    DOMAINS("domains", "domains_per_app", false);

    private final String key;
    private final String column;
    private final boolean perUser;

    Quota(String key, String column, boolean perUser) {
        this.key = key;
        this.column = column;
        this.perUser = perUser;
    }

    String key() {
        return key;
    }

    /** A fixed name from this enum, never user input: safe to put in SQL. */
    String column() {
        return column;
    }

    /** Per user (counted across the user's apps), else per app (each of the user's apps). */
    boolean perUser() {
        return perUser;
    }

    int defaultIn(QuotaProperties defaults) {
        return switch (this) {
            case APPS -> defaults.appsPerUser();
            case CONTAINERS -> defaults.containersPerUser();
            case CONFIG_BYTES -> defaults.configBytesPerApp();
            case DOMAINS -> defaults.domainsPerApp();
        };
    }

    static Optional<Quota> byKey(String key) {
        return Arrays.stream(values()).filter(q -> q.key.equals(key)).findFirst();
    }
}
