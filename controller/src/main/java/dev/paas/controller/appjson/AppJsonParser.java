package dev.paas.controller.appjson;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * Reads app.json as Heroku and Dokku write it, {@code //} and {@code /* *}{@code /} comments included (Dokku's
 * own test apps have them). Whatever it keeps is checked against a whitelist here (names, counts, sizes), so the
 * rest of the platform only sees values it allows; fields it does not know are ignored, as Heroku does.
 */
public final class AppJsonParser {

    public static final int MAX_BYTES = 64 * 1024;
    static final int MAX_CRON = 50;
    static final int MAX_COMMAND = 4096;
    static final int MAX_QUANTITY = 100;

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final String TYPE = "[a-z][a-z0-9_-]{0,62}";
    private static final String ENV_NAME = "[A-Za-z_][A-Za-z0-9_]{0,254}";
    private static final String CRON_NAME = "[a-z0-9][a-z0-9_-]{0,62}";

    private AppJsonParser() {
    }

    public static AppJson parse(String text) throws AppJsonException {
        if (text.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw new AppJsonException("app.json is larger than " + MAX_BYTES / 1024 + " KiB.");
        }
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            int column = e.getLocation() == null ? 0 : e.getLocation().getColumnNr();
            throw new AppJsonException("app.json is not valid JSON at line " + line + ", column " + column + ": "
                    + e.getOriginalMessage().lines().findFirst().orElse(""), e);
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return AppJson.NONE;
        }
        if (!root.isObject()) {
            throw new AppJsonException("app.json must hold one JSON object.");
        }
        List<String> notes = new ArrayList<>();
        return new AppJson(formation(root.path("formation")), sizes(root.path("formation")),
                healthchecks(root.path("healthchecks"), notes), scripts(root.path("scripts")), env(root.path("env")),
                cron(root.path("cron")), List.copyOf(notes));
    }

    private static Map<String, Integer> formation(JsonNode node) throws AppJsonException {
        Map<String, Integer> formation = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : fields(node, "formation")) {
            String type = processType(e.getKey(), "formation");
            JsonNode value = e.getValue();
            JsonNode quantity = value.isObject() ? value.path("quantity") : value;
            if (quantity.isMissingNode()) {
                quantity = JSON.getNodeFactory().numberNode(1);  // Heroku's default quantity
            }
            if (!quantity.canConvertToInt() || !quantity.isIntegralNumber() || quantity.asInt() < 0
                    || quantity.asInt() > MAX_QUANTITY) {
                throw new AppJsonException("app.json formation." + type + ".quantity must be a whole number from 0 to "
                        + MAX_QUANTITY + ".");
            }
            formation.put(type, quantity.asInt());
        }
        return formation;
    }

    /** Each type's {@code size}, as the memory it names; types without one are left out. */
    private static Map<String, Integer> sizes(JsonNode node) throws AppJsonException {
        Map<String, Integer> sizes = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : fields(node, "formation")) {
            JsonNode size = e.getValue().path("size");
            if (size.isMissingNode() || size.isNull()) {
                continue;
            }
            String type = processType(e.getKey(), "formation");
            if (!size.isTextual()) {
                throw new AppJsonException("app.json formation." + type + ".size must be a string such as"
                        + " \"standard-2x\" or \"1G\".");
            }
            sizes.put(type, DynoSizes.memoryMb(type, size.asText()));
        }
        return sizes;
    }

    private static Map<String, AppJson.Check> healthchecks(JsonNode node, List<String> notes) throws AppJsonException {
        Map<String, AppJson.Check> checks = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : fields(node, "healthchecks")) {
            String type = processType(e.getKey(), "healthchecks");
            String where = "app.json healthchecks." + type;
            if (!e.getValue().isArray()) {
                throw new AppJsonException(where + " must be a list of checks.");
            }
            for (JsonNode check : e.getValue()) {
                String kind = text(check, "type", where, "startup");
                String path = text(check, "path", where, null);
                if (!kind.equals("startup") || path == null) {
                    notes.add(where + ": only startup checks with a path are run; one " + kind + " check left out");
                    continue;
                }
                if (checks.containsKey(type)) {
                    notes.add(where + ": one startup check per process type is run; the first is kept");
                    continue;
                }
                if (!path.matches("/[\\x21-\\x7e]{0,1023}")) {
                    throw new AppJsonException(where + " path must start with / and hold no spaces, e.g. /health.");
                }
                String content = text(check, "content", where, null);
                if (content != null && (content.isEmpty() || content.length() > 1024)) {
                    throw new AppJsonException(where + " content must be 1 to 1024 characters.");
                }
                int timeout = number(check, "timeout", where, 5, 1, 60);
                int attempts = number(check, "attempts", where, 5, 1, 600);
                int wait = number(check, "wait", where, 5, 0, 600);
                int initialDelay = number(check, "initialDelay", where, 0, 0, 600);
                // The agent counts a failed check at most once a second: Dokku's attempts spaced by `wait`
                // seconds after `initialDelay` become that many one-second attempts.
                int agentAttempts = Math.min(600, attempts * Math.max(1, wait) + initialDelay);
                checks.put(type, new AppJson.Check(path, content, timeout, agentAttempts));
            }
        }
        return checks;
    }

    private static AppJson.Scripts scripts(JsonNode node) throws AppJsonException {
        if (node.isMissingNode() || node.isNull()) {
            return new AppJson.Scripts(null, null, null);
        }
        if (!node.isObject()) {
            throw new AppJsonException("app.json scripts must be an object.");
        }
        JsonNode dokku = node.path("dokku");
        if (!dokku.isMissingNode() && !dokku.isObject()) {
            throw new AppJsonException("app.json scripts.dokku must be an object.");
        }
        JsonNode heroku = node.path("postdeploy");
        // Heroku also allows {"command": ..., "size": ...}.
        String first = heroku.isObject() ? command(heroku, "command", "app.json scripts.postdeploy")
                : command(node, "postdeploy", "app.json scripts");
        return new AppJson.Scripts(command(dokku, "predeploy", "app.json scripts.dokku"),
                command(dokku, "postdeploy", "app.json scripts.dokku"), first);
    }

    private static Map<String, AppJson.EnvVar> env(JsonNode node) throws AppJsonException {
        Map<String, AppJson.EnvVar> env = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : fields(node, "env")) {
            String name = e.getKey();
            if (!name.matches(ENV_NAME)) {
                throw new AppJsonException("app.json env: '" + abbreviate(name) + "' is not a variable name"
                        + " (letters, digits and _, not starting with a digit).");
            }
            JsonNode v = e.getValue();
            String where = "app.json env." + name;
            if (v.isTextual()) {
                env.put(name, new AppJson.EnvVar(v.asText(), true, null, null));
                continue;
            }
            if (!v.isObject()) {
                throw new AppJsonException(where + " must be a string or an object.");
            }
            String generator = text(v, "generator", where, null);
            if (generator != null && !generator.equals("secret")) {
                throw new AppJsonException(where + " generator must be \"secret\".");
            }
            JsonNode required = v.path("required");
            if (!required.isMissingNode() && !required.isBoolean()) {
                throw new AppJsonException(where + " required must be true or false.");
            }
            JsonNode value = v.path("value");
            String given = value.isMissingNode() || value.isNull() ? null
                    : value.isValueNode() ? value.asText() : null;
            if (!value.isMissingNode() && !value.isNull() && !value.isValueNode()) {
                throw new AppJsonException(where + " value must be a string.");
            }
            // Heroku: a variable is required unless it says otherwise.
            env.put(name, new AppJson.EnvVar(given, required.asBoolean(true), text(v, "description", where, null),
                    generator));
        }
        return env;
    }

    private static List<AppJson.CronEntry> cron(JsonNode node) throws AppJsonException {
        if (node.isMissingNode() || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new AppJsonException("app.json cron must be a list of entries.");
        }
        if (node.size() > MAX_CRON) {
            throw new AppJsonException("app.json cron has " + node.size() + " entries; at most " + MAX_CRON + ".");
        }
        Map<String, AppJson.CronEntry> entries = new LinkedHashMap<>();
        int i = 0;
        for (JsonNode entry : node) {
            String where = "app.json cron[" + i++ + "]";
            if (!entry.isObject()) {
                throw new AppJsonException(where + " must be an object with a command and a schedule.");
            }
            String command = command(entry, "command", where);
            String schedule = text(entry, "schedule", where, null);
            if (command == null || schedule == null) {
                throw new AppJsonException(where + " needs a command and a schedule.");
            }
            String problem = CronPlan.scheduleProblem(schedule);
            if (problem != null) {
                throw new AppJsonException(where + " schedule '" + abbreviate(schedule) + "': " + problem);
            }
            String policy = text(entry, "concurrency_policy", where, "allow");
            if (!List.of("allow", "forbid", "replace").contains(policy)) {
                throw new AppJsonException(where + " concurrency_policy must be allow, forbid or replace.");
            }
            String name = text(entry, "name", where, null);
            if (name == null) {
                name = defaultName(command);
            } else if (!name.matches(CRON_NAME)) {
                throw new AppJsonException(where + " name must be lowercase letters, digits, - and _, up to 63.");
            }
            if (entries.containsKey(name)) {
                throw new AppJsonException(where + ": another entry is named " + name + "; give each a distinct name.");
            }
            entries.put(name, new AppJson.CronEntry(name, command, schedule.strip(), policy));
        }
        return List.copyOf(entries.values());
    }

    /** A name that stays the same while the command does: its first words, then a hash of all of it. */
    static String defaultName(String command) {
        String words = command.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (words.length() > 24) {
            words = words.substring(0, 24).replaceAll("-+$", "");
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(command.getBytes(StandardCharsets.UTF_8));
            String suffix = HexFormat.of().formatHex(hash, 0, 3);
            return words.isEmpty() ? "cron-" + suffix : words + "-" + suffix;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Iterable<Map.Entry<String, JsonNode>> fields(JsonNode node, String name) throws AppJsonException {
        if (node.isMissingNode() || node.isNull()) {
            return List.of();
        }
        if (!node.isObject()) {
            throw new AppJsonException("app.json " + name + " must be an object.");
        }
        List<Map.Entry<String, JsonNode>> fields = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            fields.add(it.next());
        }
        return fields;
    }

    private static String processType(String type, String field) throws AppJsonException {
        if (!type.matches(TYPE)) {
            throw new AppJsonException("app.json " + field + ": '" + abbreviate(type) + "' is not a process type"
                    + " (lowercase letters, digits, - and _).");
        }
        return type;
    }

    private static String command(JsonNode node, String field, String where) throws AppJsonException {
        String command = text(node, field, where, null);
        if (command != null && (command.isBlank() || command.length() > MAX_COMMAND || command.indexOf('\0') >= 0)) {
            throw new AppJsonException(where + "." + field + " must be a command of 1 to " + MAX_COMMAND + " characters.");
        }
        return command;
    }

    private static String text(JsonNode node, String field, String where, String fallback) throws AppJsonException {
        JsonNode value = node.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return fallback;
        }
        if (!value.isTextual()) {
            throw new AppJsonException(where + "." + field + " must be a string.");
        }
        return value.asText();
    }

    private static int number(JsonNode node, String field, String where, int fallback, int min, int max)
            throws AppJsonException {
        JsonNode value = node.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return fallback;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.asInt() < min || value.asInt() > max) {
            throw new AppJsonException(where + "." + field + " must be a whole number from " + min + " to " + max + ".");
        }
        return value.asInt();
    }

    private static String abbreviate(String s) {
        String printable = s.replaceAll("[^\\x20-\\x7e]", "?");
        return printable.length() > 40 ? printable.substring(0, 40) + "..." : printable;
    }
}
