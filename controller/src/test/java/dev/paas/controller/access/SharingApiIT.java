package dev.paas.controller.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.paas.builder.git.GitAccess;
import dev.paas.controller.ApiCalls;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Users and sharing through the real API on real PostgreSQL (docs/security.md, "Users and sharing"): an admin
 * manages users; an owner shares an app; a collaborator works on it but neither destroys it nor changes who has
 * access; a stranger sees nothing of it, through the API and the SSH server's access check alike.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SharingApiIT {

    static final String PASSWORD = "correct horse";
    static final String APP = "shared-app";

    @LocalServerPort
    int port;
    @Autowired
    ObjectMapper json;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    GitAccess git;

    ApiCalls api;
    String admin;
    String alice;
    String bob;
    String carol;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        ApiCalls.properties(registry, "sharing-it");
    }

    /** alice owns the app and shares it with bob; carol is a stranger to it. */
    @BeforeAll
    void usersAndAnApp() throws Exception {
        api = new ApiCalls(port, json);
        admin = api.login("admin", ApiCalls.ADMIN_PASSWORD);
        alice = newUser("sh-alice");
        bob = newUser("sh-bob");
        carol = newUser("sh-carol");
        api.call("POST", "/v1/apps", alice, Map.of("name", APP), 201);
        JsonNode added = api.call("POST", "/v1/apps/" + APP + "/access", alice, Map.of("username", "sh-bob"), 201);
        assertThat(added.get("role").asText()).isEqualTo("collaborator");
    }

    @Test
    void adminsCreateAndListUsersWhoThenLogIn() throws Exception {
        JsonNode users = api.call("GET", "/v1/users", admin, null, 200);
        JsonNode aliceRow = row(users, "sh-alice");
        assertThat(aliceRow.get("admin").asBoolean()).isFalse();
        assertThat(aliceRow.get("apps").asLong()).isEqualTo(1);
        assertThat(row(users, "admin").get("admin").asBoolean()).isTrue();
        assertThat(jdbc.queryForObject("SELECT password_hash FROM users WHERE username = 'sh-alice'", String.class))
                .startsWith("{pbkdf2").doesNotContain(PASSWORD);

        assertThat(message(api.call("POST", "/v1/users", admin, Map.of("username", "sh-alice", "password", PASSWORD), 409)))
                .isEqualTo("User 'sh-alice' already exists.");
        assertThat(message(api.call("POST", "/v1/users", admin, Map.of("username", "Bad Name", "password", PASSWORD), 422)))
                .contains("User name 'Bad Name' is invalid");
        assertThat(message(api.call("POST", "/v1/users", admin, Map.of("username", "sh-short", "password", "short"), 422)))
                .contains("8 to 1024 characters");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM users WHERE username IN ('Bad Name', 'sh-short')",
                Integer.class)).isZero();
    }

    @Test
    void nonAdminsManageNoUsers() throws Exception {
        for (String token : List.of(alice, bob, carol)) {
            assertThat(message(api.call("GET", "/v1/users", token, null, 403))).isEqualTo("Only admins manage users.");
            api.call("POST", "/v1/users", token, Map.of("username", "sh-sneaky", "password", PASSWORD), 403);
            api.call("DELETE", "/v1/users/sh-carol", token, null, 403);
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM users WHERE username IN ('sh-sneaky', 'sh-carol')",
                Integer.class)).isEqualTo(1);
    }

    @Test
    void aCollaboratorWorksOnTheAppAndTheOwnerSeesIt() throws Exception {
        api.call("POST", "/v1/apps/" + APP + "/config", bob, Map.of("set", Map.of("SET_BY", "bob")), 200);
        assertThat(api.call("GET", "/v1/apps/" + APP + "/config", alice, null, 200).get("SET_BY").asText()).isEqualTo("bob");
        api.call("POST", "/v1/apps/" + APP + "/domains", bob, Map.of("hostname", "bob.shared.example"), 201);
        api.call("DELETE", "/v1/apps/" + APP + "/domains/bob.shared.example", bob, null, 204);
        for (String read : List.of("", "/ps", "/releases", "/builds", "/domains", "/healthchecks", "/logs?n=5", "/access")) {
            api.call("GET", "/v1/apps/" + APP + read, bob, null, 200);
        }
        assertThat(api.call("GET", "/v1/apps/" + APP, bob, null, 200).get("access").asText()).isEqualTo("collaborator");
        assertThat(api.call("GET", "/v1/apps/" + APP, alice, null, 200).get("access").asText()).isEqualTo("owner");
        assertThat(api.call("GET", "/v1/apps/" + APP, admin, null, 200).get("access").asText()).isEqualTo("admin");
        JsonNode bobsApps = api.call("GET", "/v1/apps", bob, null, 200);
        assertThat(row(bobsApps, APP, "name").get("owner").asText()).isEqualTo("sh-alice");
        assertThat(api.call("GET", "/v1/apps", carol, null, 200).findValuesAsText("name")).doesNotContain(APP);
    }

    @Test
    void aCollaboratorNeitherDestroysTheAppNorChangesWhoHasAccess() throws Exception {
        String onlyOwner = "Only sh-alice, who owns " + APP + ", or an admin may ";
        assertThat(message(api.call("DELETE", "/v1/apps/" + APP, bob, null, 403))).startsWith(onlyOwner + "destroy it");
        assertThat(message(api.call("POST", "/v1/apps/" + APP + "/access", bob, Map.of("username", "sh-carol"), 403)))
                .startsWith(onlyOwner + "change who has access to it");
        api.call("DELETE", "/v1/apps/" + APP + "/access/sh-bob", bob, null, 403);
        assertThat(api.call("GET", "/v1/apps/" + APP + "/access", alice, null, 200).findValuesAsText("username"))
                .containsExactly("sh-alice", "sh-bob");
    }

    @Test
    void aStrangerIsAnsweredAsIfTheAppDidNotExist() throws Exception {
        String missing = message(api.call("GET", "/v1/apps/no-such-app", carol, null, 404));
        assertThat(message(api.call("GET", "/v1/apps/" + APP, carol, null, 404))).isEqualTo(missing.replace("no-such-app", APP));
        api.call("GET", "/v1/apps/" + APP + "/access", carol, null, 404);
        api.call("POST", "/v1/apps/" + APP + "/access", carol, Map.of("username", "sh-carol"), 404);
        api.call("POST", "/v1/apps/" + APP + "/config", carol, Map.of("set", Map.of("STOLEN", "1")), 404);
        api.call("DELETE", "/v1/apps/" + APP, carol, null, 404);
        assertThat(api.call("GET", "/v1/apps/" + APP + "/config", alice, null, 200).has("STOLEN")).isFalse();
    }

    @Test
    void addingSomeoneTwiceTheOwnerOrNoOneSaysWhy() throws Exception {
        String access = "/v1/apps/" + APP + "/access";
        assertThat(message(api.call("POST", access, alice, Map.of("username", "sh-bob"), 409)))
                .isEqualTo("sh-bob already has access to " + APP + ".");
        assertThat(message(api.call("POST", access, alice, Map.of("username", "sh-alice"), 409)))
                .isEqualTo("sh-alice owns " + APP + " and needs no access to it.");
        assertThat(message(api.call("POST", access, alice, Map.of("username", "x"), 404))).startsWith("No user 'x'");
        assertThat(message(api.call("DELETE", access + "/x", alice, null, 404))).startsWith("No user 'x'");
        assertThat(message(api.call("DELETE", access + "/sh-carol", alice, null, 404)))
                .startsWith("sh-carol is not a collaborator on " + APP);
    }

    @Test
    void theOwnerOrAnAdminGivesAndTakesAccessAndGitPushFollows() throws Exception {
        api.call("POST", "/v1/apps", alice, Map.of("name", "shared-git"), 201);
        assertThatThrownBy(() -> git.repositoryFor("sh-carol", "shared-git.git"))
                .isInstanceOf(GitAccess.AccessDeniedException.class).hasMessageContaining("not found, or not yours");

        api.call("POST", "/v1/apps/shared-git/access", admin, Map.of("username", "sh-carol"), 201);
        assertThat(git.repositoryFor("sh-carol", "shared-git.git")).isDirectory();
        api.call("GET", "/v1/apps/shared-git/config", carol, null, 200);

        api.call("DELETE", "/v1/apps/shared-git/access/sh-carol", alice, null, 204);
        assertThatThrownBy(() -> git.repositoryFor("sh-carol", "shared-git.git"))
                .isInstanceOf(GitAccess.AccessDeniedException.class);
        api.call("GET", "/v1/apps/shared-git/config", carol, null, 404);
        api.call("DELETE", "/v1/apps/shared-git", alice, null, 204);
    }

    @Test
    void removingAUserIsRefusedForYourselfAndWhileTheyOwnAppsThenTakesTheirAccessAlong() throws Exception {
        String dave = newUser("sh-dave");
        api.call("POST", "/v1/apps", dave, Map.of("name", "daves-one"), 201);
        api.call("POST", "/v1/apps", dave, Map.of("name", "daves-two"), 201);
        api.call("POST", "/v1/apps/" + APP + "/access", alice, Map.of("username", "sh-dave"), 201);

        assertThat(message(api.call("DELETE", "/v1/users/admin", admin, null, 409)))
                .isEqualTo("You cannot remove yourself: another admin can.");
        assertThat(message(api.call("DELETE", "/v1/users/sh-dave", admin, null, 409)))
                .startsWith("sh-dave still owns daves-one, daves-two: destroy those apps first");
        assertThat(message(api.call("DELETE", "/v1/users/sh-nobody", admin, null, 404))).startsWith("No user 'sh-nobody'");

        api.call("DELETE", "/v1/apps/daves-one", dave, null, 204);
        api.call("DELETE", "/v1/apps/daves-two", admin, null, 204);
        api.call("DELETE", "/v1/users/sh-dave", admin, null, 204);

        api.call("GET", "/v1/whoami", dave, null, 401);
        assertThat(api.call("GET", "/v1/apps/" + APP + "/access", alice, null, 200).findValuesAsText("username"))
                .doesNotContain("sh-dave");
        assertThat(api.call("GET", "/v1/users", admin, null, 200).findValuesAsText("username")).doesNotContain("sh-dave");
    }

    private String newUser(String name) throws Exception {
        if (jdbc.queryForObject("SELECT count(*) FROM users WHERE username = ?", Integer.class, name) == 0) {
            JsonNode created = api.call("POST", "/v1/users", admin, Map.of("username", name, "password", PASSWORD), 201);
            assertThat(created.get("admin").asBoolean()).isFalse();
        }
        return api.call("POST", "/v1/login", null, Map.of("username", name, "password", PASSWORD), 200).get("token").asText();
    }

    private static JsonNode row(JsonNode list, String username) {
        return row(list, username, "username");
    }

    private static JsonNode row(JsonNode list, String value, String field) {
        for (JsonNode row : list) {
            if (row.get(field).asText().equals(value)) {
                return row;
            }
        }
        throw new AssertionError("no " + field + " " + value + " in " + list);
    }

    private static String message(JsonNode error) {
        return error.get("message").asText();
    }

}
