package dev.paas.controller.domain;

import java.net.IDN;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What a custom domain may be: a plain DNS host name (RFC 1123 labels), in lower case, without a trailing dot.
 * Names the router's nginx would refuse, and names under the platform's own domain (where every app already has
 * its default {@code <app>.<domain>}), are refused here so that an accepted domain is always served.
 */
final class DomainNames {

    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern DIGITS = Pattern.compile("[0-9]+");
    private static final String EXAMPLE = "use a host name like www.example.com";

    /** The host name to store, or the problem to show; exactly one of the two is set. */
    record Checked(String hostname, String problem) {

        boolean ok() {
            return problem == null;
        }
    }

    private DomainNames() {
    }

    static Checked check(String raw, String platformDomain) {
        if (raw == null || raw.isBlank()) {
            return invalid("No domain given: " + EXAMPLE + ".");
        }
        String given = raw.strip();
        if (given.contains("*")) {
            return invalid("Domain '" + given + "' is a wildcard: wildcard domains are not supported, add each host name.");
        }
        String name;
        try {
            name = normalize(given);
        } catch (IllegalArgumentException e) {
            return invalid("Domain '" + given + "' is invalid: " + EXAMPLE + ".");
        }
        String problem = problem(name, platformDomain.toLowerCase(Locale.ROOT));
        return problem == null ? new Checked(name, null) : invalid("Domain '" + given + "' is invalid: " + problem);
    }

    /**
     * Lower case, without a trailing dot, and an internationalized name in its xn-- (punycode) form, the one DNS
     * and nginx know.
     *
     * @throws IllegalArgumentException when a non-ASCII name cannot be converted
     */
    static String normalize(String raw) {
        String name = raw.strip();
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        boolean ascii = name.chars().allMatch(c -> c < 128);
        return (ascii ? name : IDN.toASCII(name)).toLowerCase(Locale.ROOT);
    }

    private static String problem(String name, String platformDomain) {
        if (name.length() > 253) {
            return "a host name has at most 253 characters.";
        }
        String[] labels = name.split("\\.", -1);
        if (labels.length < 2) {
            return EXAMPLE + ", with at least one dot.";
        }
        for (String label : labels) {
            if (!LABEL.matcher(label).matches()) {
                return EXAMPLE + ": each part between dots has 1 to 63 letters, digits or dashes, "
                        + "and does not start or end with a dash.";
            }
        }
        String last = labels[labels.length - 1];
        if (DIGITS.matcher(last).matches()) {
            return "an IP address is not a domain; " + EXAMPLE + ".";
        }
        if (last.equals("invalid")) {
            return ".invalid is reserved (RFC 2606) and never resolves.";
        }
        if (name.equals(platformDomain) || name.endsWith("." + platformDomain)) {
            return "it is under the platform's own domain " + platformDomain + ", where each app already answers at "
                    + "<app>." + platformDomain + ".";
        }
        return null;
    }

    private static Checked invalid(String problem) {
        return new Checked(null, problem);
    }
}
