package dev.paas.controller.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.paas.controller.ApiCalls;
import dev.paas.controller.app.AppRepository;
import dev.paas.controller.app.AppService;
import dev.paas.controller.user.User;
import dev.paas.controller.user.UserRepository;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/**
 * The app page's add-ons on the real controller and PostgreSQL (no node-agent, so no service ever runs): the list
 * with state, plan and attachment name, and the create, attach, detach and backup forms with the dashboard's CSRF
 * and access rules. Apps without a build take config changes without a release, so no rollout is needed here.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardAddonsIT {

    static final String APP = "dash-addons";
    static final String SECOND = "dash-addons-2";
    static final String OTHER = "dash-addons-mallory";

    @LocalServerPort
    int port;
    @Autowired
    MockMvc mvc;
    @Autowired
    ObjectMapper json;
    @Autowired
    AppService apps;
    @Autowired
    AppRepository appRows;
    @Autowired
    UserRepository users;
    @Autowired
    JdbcTemplate jdbc;

    ApiCalls api;
    String node;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        ApiCalls.properties(registry, "dashboard-addons-it");
        registry.add("paas.addons.ready-wait", () -> "0s");
    }

    @BeforeAll
    void setUp() throws Exception {
        api = new ApiCalls(port, json);
        User admin = users.findByUsername("admin").orElseThrow();
        for (String app : List.of(APP, SECOND)) {
            if (appRows.findByName(app).isEmpty()) {
                apps.create(app, null, admin);
            }
        }
        users.findByUsername(OTHER).orElseGet(() -> users.save(new User(OTHER, "not-a-password-hash", false)));
        node = api.registerNode(ApiCalls.NODE_TOKEN, Map.of("name", "dash-addons-node", "address", "127.0.0.1",
                "capacityMb", 4096));
    }

    @Test
    void theAppPageCreatesListsAttachesAndDetachesAddons() throws Exception {
        heartbeat();
        String notice = flash(post("/apps/" + APP + "/addons").with(user("admin")).with(csrf()).param("type", "redis")
                .param("plan", "hobby").param("as", ""), "notice");
        assertThat(notice).matches("Created redis-[a-z]+-[0-9]{2} as REDIS_URL: saved; it takes effect with the"
                + " first deploy\\.");
        String name = notice.split(" ")[1];
        assertThat(config(APP)).containsKey("REDIS_URL");

        String page = page(APP, "admin");
        assertThat(page).contains("data-addon=\"" + name + "\"").contains("<td>hobby</td>").contains("REDIS_URL")
                .contains("data-state=\"pending\"").contains("data-detach=\"" + name + "\"");

        // Bad input comes back as one line, nothing made; an alias is kept in the form.
        int before = jdbc.queryForObject("SELECT count(*) FROM addons", Integer.class);
        assertThat(flash(post("/apps/" + APP + "/addons").with(user("admin")).with(csrf()).param("type", "mongodb"),
                "error")).startsWith("Unknown add-on type 'mongodb': use one of postgres, mysql, redis.");
        assertThat(flash(post("/apps/" + APP + "/addons").with(user("admin")).with(csrf()).param("type", "mysql")
                .param("as", "not valid"), "error")).contains("Alias 'not valid' is invalid");
        assertThat(flash(post("/apps/" + APP + "/addons").with(user("admin")).with(csrf()).param("type", "redis"),
                "error")).contains("already has REDIS_URL");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM addons", Integer.class)).isEqualTo(before);

        // Attached to a second app under an alias; twice is refused; detached again.
        assertThat(flash(post("/apps/" + SECOND + "/addons/attach").with(user("admin")).with(csrf())
                .param("addon", name).param("as", "CACHE"), "notice"))
                .isEqualTo("Attached " + name + " as CACHE_URL: saved; it takes effect with the first deploy.");
        assertThat(page(SECOND, "admin")).contains("data-addon=\"" + name + "\"").contains("CACHE_URL");
        assertThat(flash(post("/apps/" + SECOND + "/addons/attach").with(user("admin")).with(csrf())
                .param("addon", name).param("as", "OTHER"), "error")).contains("already attached to " + SECOND);
        assertThat(flash(post("/apps/" + SECOND + "/addons/detach").with(user("admin")).with(csrf())
                .param("addon", name), "notice")).startsWith("Detached " + name);
        assertThat(config(SECOND)).doesNotContainKey("CACHE_URL");
        assertThat(page(SECOND, "admin")).contains("No add-ons attached.");

        // A backup is taken only of an add-on attached to the page's app; one that cannot be taken says why (no
        // service runs without a node-agent) and is kept as failed.
        assertThat(flash(post("/apps/" + SECOND + "/addons/backup").with(user("admin")).with(csrf())
                .param("addon", name), "error")).isEqualTo("Add-on '" + name + "' is not attached to " + SECOND + ".");
        assertThat(flash(post("/apps/" + APP + "/addons/backup").with(user("admin")).with(csrf())
                .param("addon", name), "error")).matches("Backup [0-9]+ of " + name + " failed: the service container"
                + " of " + name + " is not running on the controller's Docker host");
        assertThat(jdbc.queryForObject("SELECT status FROM addon_backups b JOIN addons a ON a.id = b.addon_id"
                + " WHERE a.name = ? ORDER BY b.id DESC LIMIT 1", String.class, name)).isEqualTo("failed");

        // Another user can neither see the app's add-ons nor use its forms; without the CSRF token nothing runs.
        for (String[] form : new String[][]{{"/addons", "type", "redis"}, {"/addons/attach", "addon", name},
                {"/addons/detach", "addon", name}, {"/addons/backup", "addon", name}}) {
            mvc.perform(post("/apps/" + APP + form[0]).with(user(OTHER)).with(csrf()).param(form[1], form[2]))
                    .andExpect(status().isNotFound());
            mvc.perform(post("/apps/" + APP + form[0]).with(user("admin")).param(form[1], form[2]))
                    .andExpect(status().isForbidden());
        }
        mvc.perform(get("/apps/" + APP).with(user(OTHER))).andExpect(status().isNotFound());
        assertThat(config(APP)).containsKey("REDIS_URL");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM addons", Integer.class)).isEqualTo(before);

        assertThat(flash(post("/apps/" + APP + "/addons/detach").with(user("admin")).with(csrf())
                .param("addon", name), "notice")).startsWith("Detached " + name);
        api.call("DELETE", "/v1/addons/" + name + "?confirm=" + name, api.login("admin", ApiCalls.ADMIN_PASSWORD),
                null, 204);
    }

    private String flash(org.springframework.test.web.servlet.RequestBuilder request, String kind) throws Exception {
        MvcResult result = mvc.perform(request).andExpect(status().isFound()).andReturn();
        Object value = result.getFlashMap().get(kind);
        assertThat(value).as(kind + " in " + result.getFlashMap()).isNotNull();
        return value.toString();
    }

    private String page(String app, String username) throws Exception {
        return mvc.perform(get("/apps/" + app).with(user(username))).andExpect(status().isOk()).andReturn()
                .getResponse().getContentAsString();
    }

    private Map<String, String> config(String app) {
        return appRows.findByName(app).orElseThrow().getConfig();
    }

    /** Other ITs' nodes may be live too; this one must be, for placement. */
    private void heartbeat() throws Exception {
        api.call("PUT", "/v1/nodes/dash-addons-node/observed", node, Map.of("containers", List.of()), 204);
    }
}
