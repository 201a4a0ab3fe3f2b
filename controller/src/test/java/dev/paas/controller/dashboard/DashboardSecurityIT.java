package dev.paas.controller.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.authenticated;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.unauthenticated;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;

import dev.paas.controller.TestPostgres;
import dev.paas.controller.app.AppRepository;
import dev.paas.controller.app.AppService;
import dev.paas.controller.user.UserRepository;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The dashboard's sign-in and CSRF protection against the real controller and PostgreSQL, and the proof that the
 * REST API kept its token auth (no session, no CSRF token) beside it.
 */
@SpringBootTest
@AutoConfigureMockMvc
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardSecurityIT {

    static final String APP = "dash-sec";

    @Autowired
    MockMvc mvc;
    @Autowired
    AppService apps;
    @Autowired
    AppRepository appRows;
    @Autowired
    UserRepository users;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        TestPostgres.register(registry);
        String dataDir = Files.createTempDirectory("paas-dashboard-it").toString();
        registry.add("paas.data-dir", () -> dataDir);
        registry.add("paas.ssh-port", DashboardSecurityIT::freePort);
        registry.add("paas.node-token", () -> "node-secret");
        registry.add("paas.admin-password", () -> "admin-pw");
    }

    @BeforeAll
    void anApp() {
        if (appRows.findByName(APP).isEmpty()) {
            apps.create(APP, null, users.findByUsername("admin").orElseThrow());
        }
    }

    @Test
    void pagesAskToSignInFirst() throws Exception {
        mvc.perform(get("/")).andExpect(status().isFound()).andExpect(redirectedUrlPattern("**/login"));
        mvc.perform(get("/apps/" + APP)).andExpect(status().isFound()).andExpect(redirectedUrlPattern("**/login"));
        mvc.perform(get("/apps/" + APP + "/logs/stream")).andExpect(status().isFound());
        mvc.perform(get("/login")).andExpect(status().isOk()).andExpect(content().string(
                org.hamcrest.Matchers.containsString("name=\"_csrf\"")));
        mvc.perform(get("/assets/dashboard.css")).andExpect(status().isOk());
    }

    @Test
    void signsInWithThePlatformsPasswordsAndOut() throws Exception {
        mvc.perform(formLogin("/login").user("admin").password("wrong"))
                .andExpect(redirectedUrl("/login?error")).andExpect(unauthenticated());
        MockHttpSession session = (MockHttpSession) mvc.perform(formLogin("/login").user("admin").password("admin-pw"))
                .andExpect(redirectedUrl("/")).andExpect(authenticated().withUsername("admin"))
                .andReturn().getRequest().getSession();
        mvc.perform(get("/").session(session)).andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString(APP)));
        mvc.perform(post("/logout").session(session).with(csrf()))
                .andExpect(redirectedUrl("/login?signed-out"));
        mvc.perform(get("/").session(session)).andExpect(status().isFound());
    }

    @Test
    void refusesSignInAndChangesWithoutTheCsrfToken() throws Exception {
        mvc.perform(post("/login").param("username", "admin").param("password", "admin-pw"))
                .andExpect(status().isForbidden()).andExpect(unauthenticated());
        mvc.perform(post("/apps/" + APP + "/config").with(user("admin")).param("key", "SNEAKY").param("value", "1"))
                .andExpect(status().isForbidden());
        mvc.perform(post("/apps/" + APP + "/config").with(user("admin")).with(csrf().useInvalidToken())
                        .param("key", "SNEAKY").param("value", "1"))
                .andExpect(status().isForbidden());
        assertThat(appRows.findByName(APP).orElseThrow().getConfig()).doesNotContainKey("SNEAKY");
    }

    @Test
    void aChangeWithTheTokenWorksAndABadKeyComesBackAsOneLineKeepingWhatWasTyped() throws Exception {
        mvc.perform(post("/apps/" + APP + "/config").with(user("admin")).with(csrf()).param("key", "GREETING").param("value", "hi"))
                .andExpect(redirectedUrl("/apps/" + APP))
                .andExpect(flash().attribute("notice", org.hamcrest.Matchers.containsString("Set GREETING")));
        assertThat(appRows.findByName(APP).orElseThrow().getConfig()).containsEntry("GREETING", "hi");
        // a textarea's CRLF line breaks are stored as the cli's LF
        mvc.perform(post("/apps/" + APP + "/config").with(user("admin")).with(csrf()).param("key", "LINES").param("value", "a\r\nb"))
                .andExpect(flash().attribute("notice", org.hamcrest.Matchers.containsString("Set LINES")));
        assertThat(appRows.findByName(APP).orElseThrow().getConfig()).containsEntry("LINES", "a\nb");

        mvc.perform(post("/apps/" + APP + "/config").with(user("admin")).with(csrf()).param("key", "BAD-KEY").param("value", "x y"))
                .andExpect(redirectedUrl("/apps/" + APP))
                .andExpect(flash().attribute("error", org.hamcrest.Matchers.containsString("BAD-KEY")))
                .andExpect(flash().attribute("typedKey", "BAD-KEY"))
                .andExpect(flash().attribute("typedValue", "x y"));
        assertThat(appRows.findByName(APP).orElseThrow().getConfig()).doesNotContainKey("BAD-KEY");
    }

    @Test
    void domainsAreAddedShownAndRemovedFromTheAppPage() throws Exception {
        mvc.perform(post("/apps/" + APP + "/domains").with(user("admin")).with(csrf()).param("hostname", "WWW.Dash.Example"))
                .andExpect(redirectedUrl("/apps/" + APP))
                .andExpect(flash().attribute("notice", org.hamcrest.Matchers.containsString("Added www.dash.example")));
        mvc.perform(get("/apps/" + APP).with(user("admin"))).andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("data-domain=\"www.dash.example\"")))
                .andExpect(content().string(org.hamcrest.Matchers.containsString(APP + ".localhost")));
        mvc.perform(post("/apps/" + APP + "/domains").with(user("admin")).with(csrf()).param("hostname", "not a host"))
                .andExpect(flash().attribute("error", org.hamcrest.Matchers.containsString("not a host")))
                .andExpect(flash().attribute("typedDomain", "not a host"));
        mvc.perform(post("/apps/" + APP + "/domains/remove").with(user("admin")).with(csrf())
                        .param("hostname", "www.dash.example"))
                .andExpect(flash().attribute("notice", "Removed www.dash.example."));
        mvc.perform(get("/apps/" + APP).with(user("admin")))
                .andExpect(content().string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("www.dash.example"))));
    }

    @Test
    void someoneElsesOrAMissingAppIsAReadableNotFoundPage() throws Exception {
        mvc.perform(get("/apps/no-such-app").with(user("admin")))
                .andExpect(status().isNotFound())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("App &#39;no-such-app&#39; not found")));
    }

    @Test
    void theApiKeepsItsTokenAuthWithoutSessionOrCsrf() throws Exception {
        mvc.perform(get("/v1/apps")).andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.message").value(org.hamcrest.Matchers.containsString("paas login")));
        String answer = mvc.perform(post("/v1/login").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"username\":\"admin\",\"password\":\"admin-pw\"}"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        String token = answer.replaceAll(".*\"token\"\\s*:\\s*\"([^\"]+)\".*", "$1");
        mvc.perform(post("/v1/apps/" + APP + "/config").header("Authorization", "Bearer " + token)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"set\":{\"FROM_API\":\"1\"}}"))
                .andExpect(status().isOk());
        mvc.perform(get("/v1/apps/no-such-app").header("Authorization", "Bearer " + token))
                .andExpect(status().isNotFound()).andExpect(jsonPath("$.message").exists());
        // a session cookie is never handed to API clients
        assertThat(mvc.perform(get("/v1/apps").header("Authorization", "Bearer " + token))
                .andReturn().getRequest().getSession(false)).isNull();
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
