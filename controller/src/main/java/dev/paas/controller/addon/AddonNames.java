package dev.paas.controller.addon;

import java.security.SecureRandom;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;

/**
 * Names and config keys of add-ons, matched against what is allowed and refused whole otherwise: a generated name
 * like {@code postgres-amber-42}, and an attachment's {@code --as} alias, which becomes {@code ALIAS_URL}.
 */
public final class AddonNames {

    private static final List<String> WORDS = List.of("amber", "aqua", "azure", "basil", "birch", "cedar", "cobalt",
            "coral", "crimson", "dune", "ember", "fern", "flint", "frost", "glade", "granite", "hazel", "indigo",
            "ivory", "jade", "lilac", "lunar", "maple", "meadow", "mint", "moss", "nova", "ochre", "olive", "onyx",
            "pearl", "pine", "quartz", "raven", "river", "ruby", "sage", "sierra", "slate", "solar", "spruce",
            "stone", "storm", "tidal", "topaz", "umber", "violet", "willow");
    private static final Pattern NAME = Pattern.compile("[a-z]+-[a-z]+-[0-9]{2,4}");
    /** A config key that is not one of the platform's; the _URL suffix is added to it. */
    private static final Pattern ALIAS = Pattern.compile("[A-Z][A-Z0-9_]{0,49}");
    private static final RandomGenerator RANDOM = new SecureRandom();
    private static final String ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789";

    private AddonNames() {
    }

    /** {@code type-word-NN}; the caller tries again when the name is taken. */
    static String generate(String type, RandomGenerator random) {
        return type + "-" + WORDS.get(random.nextInt(WORDS.size())) + "-" + (10 + random.nextInt(90));
    }

    static String generate(String type) {
        return generate(type, RANDOM);
    }

    public static boolean isName(String name) {
        return name != null && name.length() <= 40 && NAME.matcher(name).matches();
    }

    /**
     * The config var an attachment sets: {@code ALIAS_URL}, or the type's default; empty when the alias is not
     * a valid key (the caller says what is).
     */
    static Optional<String> varFor(String alias, AddonType type) {
        if (alias == null || alias.isEmpty()) {
            return Optional.of(type.defaultVar() + "_URL");
        }
        String upper = alias;
        if (upper.endsWith("_URL")) {
            upper = upper.substring(0, upper.length() - 4);
        }
        if (!ALIAS.matcher(upper).matches() || upper.startsWith("PAAS_")) {
            return Optional.empty();
        }
        return Optional.of(upper + "_URL");
    }

    static String aliasRule(String alias) {
        return "Alias '" + alias + "' is invalid: use an upper-case config key such as ANALYTICS (letters, digits"
                + " and underscores, starting with a letter, at most 50 characters, not PAAS_...); it becomes"
                + " ANALYTICS_URL.";
    }

    /** Random letters and digits, from a cryptographic generator. */
    static String secret(int length) {
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            s.append(ALNUM.charAt(RANDOM.nextInt(ALNUM.length())));
        }
        return s.toString();
    }

    static AddonType.Credentials credentials() {
        // Usernames and database names start with a letter (PostgreSQL and MySQL both want that unquoted).
        return new AddonType.Credentials("u" + secret(11), secret(32), "d" + secret(11));
    }

    static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }
}
