package dev.paas.controller.user;

import java.util.regex.Pattern;

/** User names appear in API paths, log lines and the dashboard, so they are kept to a plain, path-safe alphabet. */
final class UserNames {

    private static final Pattern VALID = Pattern.compile("[a-z][a-z0-9._-]{1,31}");

    private UserNames() {
    }

    /** Empty when valid; otherwise the message to show. */
    static String problem(String name) {
        if (name != null && VALID.matcher(name).matches()) {
            return "";
        }
        return "User name '" + name + "' is invalid: use 2 to 32 lowercase letters, digits, '.', '_' or '-', "
                + "starting with a letter.";
    }
}
