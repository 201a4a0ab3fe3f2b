package dev.paas.controller.appjson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Given app.json texts as Heroku's and Dokku's users write them, expect what the platform reads or the message. */
class AppJsonParserTest {

    @Test
    void readsDokkusFieldsWithComments() throws Exception {
        AppJson json = AppJsonParser.parse("""
                {
                  // Dokku's test apps carry comments
                  "formation": {"web": {"quantity": 2}, "worker": {"quantity": 1, "size": "basic"}},
                  "healthchecks": {"web": [{"type": "startup", "path": "/", "content": "ok", "attempts": 3,
                                            "timeout": 5, "wait": 2}]},
                  /* block comments too */
                  "scripts": {"dokku": {"predeploy": "touch /app/predeployed", "postdeploy": "echo done"},
                              "postdeploy": "echo first"},
                  "env": {"SECRET_KEY": {"generator": "secret"}, "GREETING": {"value": "hi"},
                          "API_TOKEN": {"description": "the token", "required": true}, "PLAIN": "yes"},
                  "cron": [{"command": "echo tick", "schedule": "*/5 * * * *"},
                           {"name": "report", "command": "echo report", "schedule": "@daily",
                            "concurrency_policy": "forbid"}]
                }
                """);
        assertThat(json.formation()).containsExactly(Map.entry("web", 2), Map.entry("worker", 1));
        assertThat(json.sizes()).containsExactly(Map.entry("worker", 512));
        // three attempts spaced by two seconds: six one-second attempts of the agent
        assertThat(json.healthchecks()).containsExactly(Map.entry("web", new AppJson.Check("/", "ok", 5, 6)));
        assertThat(json.scripts()).isEqualTo(new AppJson.Scripts("touch /app/predeployed", "echo done", "echo first"));
        assertThat(json.env()).containsKeys("SECRET_KEY", "GREETING", "API_TOKEN", "PLAIN");
        assertThat(json.env().get("API_TOKEN")).isEqualTo(new AppJson.EnvVar(null, true, "the token", null));
        assertThat(json.env().get("SECRET_KEY").generator()).isEqualTo("secret");
        assertThat(json.env().get("PLAIN").value()).isEqualTo("yes");
        assertThat(json.cron()).containsExactly(
                new AppJson.CronEntry(AppJsonParser.defaultName("echo tick"), "echo tick", "*/5 * * * *", "allow"),
                new AppJson.CronEntry("report", "echo report", "@daily", "forbid"));
        assertThat(json.notes()).isEmpty();
    }

    @Test
    void aMalformedFileIsRefusedNamingTheLine() {
        assertThatThrownBy(() -> AppJsonParser.parse("{\n  \"formation\": {\n    \"web\": {\"quantity\": 1},,\n  }\n}"))
                .isInstanceOf(AppJsonException.class)
                .hasMessageStartingWith("app.json is not valid JSON at line 3,");
    }

    @Test
    void anEmptyOrNullFileAsksForNothing() throws Exception {
        assertThat(AppJsonParser.parse("")).isEqualTo(AppJson.NONE);
        assertThat(AppJsonParser.parse("{}")).isEqualTo(AppJson.NONE);
    }

    @Test
    void valuesOutsideTheWhitelistAreRefusedWhole() {
        assertThatThrownBy(() -> AppJsonParser.parse("{\"formation\": {\"web\": {\"quantity\": 101}}}"))
                .hasMessageContaining("formation.web.quantity must be a whole number from 0 to 100");
        assertThatThrownBy(() -> AppJsonParser.parse("{\"formation\": {\"Web;rm\": {\"quantity\": 1}}}"))
                .hasMessageContaining("is not a process type");
        assertThatThrownBy(() -> AppJsonParser.parse("{\"env\": {\"1BAD\": \"x\"}}"))
                .hasMessageContaining("is not a variable name");
        assertThatThrownBy(() -> AppJsonParser.parse("{\"env\": {\"A\": {\"generator\": \"uuid\"}}}"))
                .hasMessageContaining("generator must be \"secret\"");
        assertThatThrownBy(() -> AppJsonParser.parse("{\"healthchecks\": {\"web\": [{\"path\": \"no-slash\"}]}}"))
                .hasMessageContaining("path must start with /");
        assertThatThrownBy(() -> AppJsonParser.parse("{\"cron\": [{\"command\": \"x\", \"schedule\": \"* * *\"}]}"))
                .hasMessageContaining("give five fields");
        assertThatThrownBy(() -> AppJsonParser.parse("{\"cron\": [{\"command\": \"x\", \"schedule\": \"61 * * * *\"}]}"))
                .hasMessageContaining("cron[0] schedule");
        assertThatThrownBy(() -> AppJsonParser.parse("{\"cron\": [{\"command\": \"x\", \"schedule\": \"* * * * *\","
                + " \"concurrency_policy\": \"sometimes\"}]}"))
                .hasMessageContaining("concurrency_policy must be allow, forbid or replace");
        assertThatThrownBy(() -> AppJsonParser.parse("{\"cron\": [{\"command\": \"x\", \"schedule\": \"* * * * *\"},"
                + " {\"command\": \"x\", \"schedule\": \"@hourly\"}]}"))
                .hasMessageContaining("give each a distinct name");
        assertThatThrownBy(() -> AppJsonParser.parse("[1, 2]")).hasMessageContaining("one JSON object");
        assertThatThrownBy(() -> AppJsonParser.parse("{\"a\": 1, \"a\": 2}")).hasMessageContaining("line 1");
    }

    @Test
    void checksThisPlatformDoesNotRunAreNotedNotFailed() throws Exception {
        AppJson json = AppJsonParser.parse("{\"healthchecks\": {\"web\": [{\"type\": \"liveness\", \"path\": \"/\"},"
                + " {\"type\": \"startup\", \"command\": [\"true\"]}, {\"path\": \"/health\"}, {\"path\": \"/other\"}]}}");
        assertThat(json.healthchecks()).containsExactly(Map.entry("web", new AppJson.Check("/health", null, 5, 25)));
        assertThat(json.notes()).hasSize(3);
    }

    @Test
    void defaultCronNamesAreStableAndReadable() {
        assertThat(AppJsonParser.defaultName("python3 manage.py clearsessions"))
                .isEqualTo(AppJsonParser.defaultName("python3 manage.py clearsessions"))
                .startsWith("python3-manage-py-clears-")
                .matches("[a-z0-9][a-z0-9_-]{0,62}");
        assertThat(AppJsonParser.defaultName("!!!")).startsWith("cron-");
        assertThat(AppJsonParser.defaultName("echo a")).isNotEqualTo(AppJsonParser.defaultName("echo b"));
    }

    @Test
    void herokusPostdeployObjectFormIsRead() throws Exception {
        assertThat(AppJsonParser.parse("{\"scripts\": {\"postdeploy\": {\"command\": \"bin/seed\", \"size\": \"x\"}}}")
                .scripts()).isEqualTo(new AppJson.Scripts(null, null, "bin/seed"));
        assertThat(List.of(AppJsonParser.parse("{\"formation\": {\"worker\": {}}}").formation()))
                .containsExactly(Map.of("worker", 1));
    }

    @Test
    void formationSizesAreHerokusNamesInAnyCaseOrAMemory() throws Exception {
        AppJson json = AppJsonParser.parse("""
                {"formation": {"web": {"quantity": 2, "size": "standard-1X"}, "worker": {"size": "Standard-2x"},
                               "big": {"size": "performance-m"}, "huge": {"size": "performance-l"},
                               "small": {"size": "512M"}, "one": {"size": "1G"}, "plain": {"size": "96"},
                               "basic": {"size": "basic"}, "legacy": {"size": "2X"}, "none": {"quantity": 1}}}
                """);
        assertThat(json.sizes()).containsExactly(Map.entry("web", 512), Map.entry("worker", 1024),
                Map.entry("big", 2560), Map.entry("huge", 14336), Map.entry("small", 512), Map.entry("one", 1024),
                Map.entry("plain", 96), Map.entry("basic", 512), Map.entry("legacy", 1024));
        assertThat(json.formation()).containsEntry("worker", 1).containsEntry("none", 1);
        assertThat(AppJsonParser.parse("{\"formation\": {\"web\": 2}}").sizes()).isEmpty();
    }

    @Test
    void anUnknownOrBadSizeIsRefusedWithWhatItTakes() {
        assertThatThrownBy(() -> AppJsonParser.parse("{\"formation\": {\"web\": {\"size\": \"gigantic\"}}}"))
                .isInstanceOf(AppJsonException.class)
                .hasMessageContaining("app.json formation.web.size 'gigantic' is neither a Heroku size")
                .hasMessageContaining("nor a memory such as 512M or 1G");
        assertThatThrownBy(() -> AppJsonParser.parse("{\"formation\": {\"web\": {\"size\": \"16M\"}}}"))
                .hasMessageContaining("too small: at least 32M");
        assertThatThrownBy(() -> AppJsonParser.parse("{\"formation\": {\"web\": {\"size\": 512}}}"))
                .hasMessageContaining("app.json formation.web.size must be a string such as \"standard-2x\"");
        assertThatThrownBy(() -> AppJsonParser.parse("{\"formation\": {\"web\": {\"size\": \"\"}}}"))
                .hasMessageContaining("app.json formation.web.size must be a size such as standard-2x or 1G.");
        assertThatThrownBy(() -> AppJsonParser.parse("{\"formation\": {\"web\": {\"size\": \"2000G\"}}}"))
                .hasMessageContaining("too large: at most 1024G");
    }
}
