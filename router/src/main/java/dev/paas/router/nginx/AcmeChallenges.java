package dev.paas.router.nginx;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import dev.paas.api.RouteTable.AcmeChallenge;
import dev.paas.api.RouteTable.Route;

/**
 * The ACME HTTP-01 challenges an app's plain HTTP servers answer. Like {@link Names}, everything is matched against a
 * whitelist before it reaches the configuration: a token and a key authorization are base64url (RFC 8555, 8.1 and
 * 8.3), so a quote, brace, semicolon, space or {@code $} can never be written; a challenge for a name the app is not
 * served under here is left out and noted, so a route can never answer for another app's name.
 */
final class AcmeChallenges {

    static final String PATH = "/.well-known/acme-challenge/";

    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{16,128}");
    private static final Pattern KEY_AUTHORIZATION = Pattern.compile("[A-Za-z0-9_-]{16,128}\\.[A-Za-z0-9_-]{16,128}");

    /** What one token answers, by host name. */
    record Answer(String domain, String keyAuthorization) {
    }

    private AcmeChallenges() {
    }

    /**
     * @param served the app's host names this router serves
     * @return by token, the hosts it answers for and with what, in the table's order
     */
    static Map<String, List<Answer>> of(Route route, Set<String> served, List<String> skipped) {
        Map<String, List<Answer>> byToken = new LinkedHashMap<>();
        for (AcmeChallenge challenge : route.challenges() == null ? List.<AcmeChallenge>of() : route.challenges()) {
            if (challenge == null || challenge.token() == null || !TOKEN.matcher(challenge.token()).matches()
                    || challenge.keyAuthorization() == null
                    || !KEY_AUTHORIZATION.matcher(challenge.keyAuthorization()).matches()
                    || !challenge.keyAuthorization().startsWith(challenge.token() + ".")) {
                skipped.add("app " + route.app() + ": an ACME challenge is not a base64url token and key authorization");
                continue;
            }
            var domain = Names.domain(challenge.domain());
            if (domain.isEmpty() || !served.contains(domain.get())) {
                skipped.add("app " + route.app() + ": ACME challenge for '" + challenge.domain()
                        + "', a name the app is not served under here");
                continue;
            }
            byToken.computeIfAbsent(challenge.token(), t -> new ArrayList<>())
                    .add(new Answer(domain.get(), challenge.keyAuthorization()));
        }
        return byToken;
    }

    /**
     * The exact-match locations for the challenges of {@code domains}, one server's share: each answers only for the
     * host its challenge was issued for, and 404 for any other. An exact location wins over {@code location /}, so the
     * answer comes before a redirect to HTTPS or maintenance, and never reaches the app.
     */
    static String locations(Map<String, List<Answer>> byToken, Set<String> domains, String indent) {
        StringBuilder out = new StringBuilder();
        byToken.forEach((token, answers) -> {
            List<Answer> here = answers.stream().filter(a -> domains.contains(a.domain())).toList();
            if (here.isEmpty()) {
                return;
            }
            out.append(indent).append("location = ").append(PATH).append(token).append(" {\n");
            for (Answer answer : here) {
                out.append(indent).append(indent).append("if ($host = \"").append(answer.domain()).append("\") {\n");
                out.append(indent).append(indent).append(indent).append("return 200 \"")
                        .append(answer.keyAuthorization()).append("\";\n");
                out.append(indent).append(indent).append("}\n");
            }
            out.append(indent).append(indent).append("return 404;\n");
            out.append(indent).append("}\n");
        });
        return out.toString();
    }
}
