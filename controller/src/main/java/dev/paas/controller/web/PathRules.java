package dev.paas.controller.web;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which raw request paths the controller accepts at all, decided before anything reads them. A path that the
 * servlet container, Spring Security and Spring MVC could each decode or normalise differently is refused whole,
 * so that every later decision (the API's tokens, the dashboard's session) sees one unambiguous path.
 *
 * <p>The API ({@code /v1}) is a whitelist: its path variables are app, node, router and formation names,
 * host names, release versions and ids, none of which ever needs percent-encoding (the cli, node-agent and
 * router only encode to be safe). Every other path gets the refusals that change what a path means: encoded
 * slashes, backslashes, dots, percent signs and semicolons, encoded letters and digits, dot and empty segments,
 * {@code ;} parameters and anything outside printable ASCII.
 */
final class PathRules {

    /** Non-empty segments of unreserved characters, none starting with a dot (so no "." or ".." segment). */
    private static final Pattern API_PATH = Pattern.compile("(/[A-Za-z0-9_~-][A-Za-z0-9._~-]*)+");
    private static final String API_HINT = " API paths never need encoding; names are lowercase letters, digits,"
            + " dots and dashes.";

    private PathRules() {
    }

    /** Why the raw (undecoded) request path is refused, or empty when it may go on. */
    static Optional<String> refusal(String rawPath) {
        Optional<String> general = general(rawPath);
        if (general.isPresent()) {
            return general;
        }
        if (isApi(rawPath) && rawPath.indexOf('%') >= 0) {
            return Optional.of("The request path has a percent-encoded character." + API_HINT);
        }
        if (isApi(rawPath) && !API_PATH.matcher(rawPath).matches()) {
            return Optional.of("The request path has a trailing slash or a character other than letters, digits,"
                    + " '.', '_', '~' and '-'." + API_HINT);
        }
        return Optional.empty();
    }

    private static boolean isApi(String rawPath) {
        return rawPath.equals("/v1") || rawPath.startsWith("/v1/");
    }

    private static Optional<String> general(String path) {
        if (path.isEmpty() || path.charAt(0) != '/') {
            return refuse("does not start with '/'");
        }
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                return refuse("has a control, space or non-ASCII character");
            }
            if (c == '\\') {
                return refuse("has a backslash");
            }
            if (c == ';') {
                return refuse("has a ';' parameter");
            }
            if (c == '%') {
                Optional<String> escape = escape(path, i);
                if (escape.isPresent()) {
                    return escape;
                }
            }
        }
        if (path.contains("//")) {
            return refuse("has an empty segment ('//')");
        }
        for (String segment : path.split("/")) {
            if (segment.equals(".") || segment.equals("..")) {
                return refuse("has a dot segment ('" + segment + "')");
            }
        }
        return Optional.empty();
    }

    /**
     * An escape that decodes to a character with a meaning in paths (slash, backslash, dot, percent, semicolon),
     * to a control character, or to a letter or digit that never needed encoding: each lets one path mean two.
     */
    private static Optional<String> escape(String path, int at) {
        if (at + 2 >= path.length() || hex(path.charAt(at + 1)) < 0 || hex(path.charAt(at + 2)) < 0) {
            return refuse("has a '%' that is not a percent-encoded byte");
        }
        int decoded = hex(path.charAt(at + 1)) * 16 + hex(path.charAt(at + 2));
        String shown = path.substring(at, at + 3);
        if ("/\\.%;".indexOf(decoded) >= 0) {
            return refuse("has an encoded '" + (char) decoded + "' (" + shown + ")");
        }
        if (decoded < 0x20 || decoded == 0x7f) {
            return refuse("has an encoded control character (" + shown + ")");
        }
        if (isUnreserved(decoded)) {
            return refuse("has an encoded '" + (char) decoded + "' (" + shown + ") that never needs encoding");
        }
        return Optional.empty();
    }

    private static Optional<String> refuse(String why) {
        return Optional.of("The request path " + why + "; it is refused before it reaches any endpoint.");
    }

    /** RFC 3986's unreserved characters: encoding one must not change a URI, so no client has a reason to. */
    private static boolean isUnreserved(int c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "-_~".indexOf(c) >= 0;
    }

    private static int hex(char c) {
        return Character.digit(c, 16);
    }
}
