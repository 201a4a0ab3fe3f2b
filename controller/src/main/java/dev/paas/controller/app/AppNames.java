package dev.paas.controller.app;

import java.util.regex.Pattern;

/** App names become host names, repository names and container names, so they are kept DNS-label safe. */
public final class AppNames {

    private static final Pattern VALID = Pattern.compile("[a-z][a-z0-9-]{1,28}[a-z0-9]");

    private AppNames() {
    }

    public static boolean isValid(String name) {
        return name != null && VALID.matcher(name).matches() && !name.contains("--");
    }

    /** Empty when valid; otherwise the message to show. */
    public static String problem(String name) {
        if (isValid(name)) {
            return "";
        }
        return "App name '" + name + "' is invalid: use lowercase letters, digits and single dashes, "
                + "3 to 30 characters, starting with a letter and not ending with a dash.";
    }
}
