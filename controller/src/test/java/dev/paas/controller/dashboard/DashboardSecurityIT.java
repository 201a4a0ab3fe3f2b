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
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.IOException;
import java.util.List;

import dev.paas.controller.ApiCalls;
import dev.paas.controller.app.App;
import dev.paas.controller.app.AppRepository;
import dev.paas.controller.app.AppService;
import dev.paas.controller.domain.DomainService;
import dev.paas.controller.release.ReleaseRepository;
import dev.paas.controller.user.User;
import dev.paas.controller.user.UserRepository;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Import;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The dashboard's sign-in and CSRF protection against the real controller and PostgreSQL, and the proof that the
 * REST API kept its token auth (no session, no CSRF token) beside it.
 */
@SpringBootTest
@AutoConfigureMockMvc
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Import(DashboardSecurityIT.Broken.class)
@ExtendWith(OutputCaptureExtension.class)
class DashboardSecurityIT {

    static final String APP = "dash-sec";
    static final String OTHER = "mallory";
    static final String OTHERS_APP = "mallorys-app";
    static final String COLLABORATOR = "carlos";

    @Autowired
    MockMvc mvc;
    @Autowired
    AppService apps;
    @Autowired
    AppRepository appRows;
    @Autowired
    UserRepository users;
    @Autowired
    DomainService domains;
    @Autowired
    ReleaseRepository releases;
    @Autowired
    JdbcTemplate jdbc;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        ApiCalls.properties(registry, "dashboard-it");
    }

    @BeforeAll
    void anApp() {
        if (appRows.findByName(APP).isEmpty()) {
            apps.create(APP, null, users.findByUsername("admin").orElseThrow());
        }
        // a second user, not an admin, with an app of their own; signed in by the test, so the hash is never checked
        User other = users.findByUsername(OTHER).orElseGet(() -> users.save(new User(OTHER, "not-a-password-hash", false)));
        if (appRows.findByName(OTHERS_APP).isEmpty()) {
            apps.create(OTHERS_APP, null, other);
        }
        // a third user whom admin shared APP with, as 'paas access:add carlos' does
        User carlos = users.findByUsername(COLLABORATOR)
                .orElseGet(() -> users.save(new User(COLLABORATOR, "not-a-password-hash", false)));
        jdbc.update("INSERT INTO app_collaborators (app_id, user_id, added_by) VALUES (?, ?, 'admin') ON CONFLICT DO NOTHING",
                appRows.findByName(APP).orElseThrow().getId(), carlos.getId());
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
    void bruteForcingTheSignInIsThrottledEvenForTheRightPassword() throws Exception {
        // "correct horse", in the hash format of before (it is still accepted)
        jdbc.update("INSERT INTO users (username, password_hash, admin) VALUES ('dash-brute',"
                + " 'pbkdf2$1000$MDEyMzQ1Njc4OWFiY2RlZg==$cBg8D2DungRB9k76szThf5ehfyBz991ay6PT8Srwk4M=', false)"
                + " ON CONFLICT DO NOTHING");
        for (int i = 0; i < 10; i++) {
            mvc.perform(formLogin("/login").user("dash-brute").password("guess-" + i))
                    .andExpect(redirectedUrl("/login?error")).andExpect(unauthenticated());
        }
        mvc.perform(formLogin("/login").user("Dash-Brute").password("correct horse"))
                .andExpect(redirectedUrl("/login?throttled")).andExpect(unauthenticated());
        mvc.perform(get("/login").param("throttled", "")).andExpect(content().string(
                org.hamcrest.Matchers.containsString("Too many failed sign-ins for this user or from this address")));
    }

    @Test
    void signsInWithThePlatformsPasswordsAndOut() throws Exception {
        mvc.perform(formLogin("/login").user("admin").password("wrong"))
                .andExpect(redirectedUrl("/login?error")).andExpect(unauthenticated());
        // Sessions live in PostgreSQL (Spring Session JDBC), found by the SESSION cookie, as a browser sends it.
        jakarta.servlet.http.Cookie session = mvc.perform(formLogin("/login").user("admin").password("admin-pw"))
                .andExpect(redirectedUrl("/")).andExpect(authenticated().withUsername("admin"))
                .andReturn().getResponse().getCookie("SESSION");
        assertThat(session).isNotNull();
        assertThat(session.isHttpOnly()).isTrue();
        mvc.perform(get("/").cookie(session)).andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString(APP)));
        mvc.perform(post("/logout").cookie(session).with(csrf()))
                .andExpect(redirectedUrl("/login?signed-out"));
        mvc.perform(get("/").cookie(session)).andExpect(status().isFound());
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
    void aUserCannotSeeOrChangeSomeoneElsesApp() throws Exception {
        App admins = appRows.findByName(APP).orElseThrow();
        // a domain of admin's app for the other user to try to remove
        if (domains.list(admins).stream().noneMatch(d -> d.hostname().equals("keep.dash.example"))) {
            domains.add(admins, "keep.dash.example", users.findByUsername("admin").orElseThrow());
        }
        App before = appRows.findByName(APP).orElseThrow();
        int releasesBefore = releases.findByAppIdOrderByVersionDesc(before.getId()).size();
        List<String> domainsBefore = domains.list(before).stream().map(d -> d.hostname()).toList();

        String notFound = "App &#39;" + APP + "&#39; not found";
        mvc.perform(get("/apps/" + APP).with(user(OTHER))).andExpect(status().isNotFound())
                .andExpect(content().string(org.hamcrest.Matchers.containsString(notFound)));
        mvc.perform(get("/apps/" + APP + "/builds/1").with(user(OTHER))).andExpect(status().isNotFound())
                .andExpect(content().string(org.hamcrest.Matchers.containsString(notFound)));
        mvc.perform(get("/apps/" + APP + "/logs/stream").with(user(OTHER))).andExpect(status().isNotFound())
                .andExpect(request().asyncNotStarted());
        String list = mvc.perform(get("/").with(user(OTHER))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(list).contains(OTHERS_APP).doesNotContain(APP);

        String[][] forms = {
                {"/config", "key", "STOLEN", "value", "1"},
                {"/config/unset", "key", "GREETING"},
                {"/scale", "type", "web", "count", "3"},
                {"/rollback", "version", "1"},
                {"/domains", "hostname", "stolen.dash.example"},
                {"/domains/remove", "hostname", "keep.dash.example"},
        };
        for (String[] form : forms) {
            var request = post("/apps/" + APP + form[0]).with(user(OTHER)).with(csrf());
            for (int i = 1; i < form.length; i += 2) {
                request.param(form[i], form[i + 1]);
            }
            mvc.perform(request).andExpect(status().isNotFound())
                    .andExpect(content().string(org.hamcrest.Matchers.containsString(notFound)));
        }

        App after = appRows.findByName(APP).orElseThrow();
        assertThat(after.getConfig()).isEqualTo(before.getConfig()).doesNotContainKey("STOLEN");
        assertThat(after.getStructure()).isEqualTo(before.getStructure());
        assertThat(releases.findByAppIdOrderByVersionDesc(after.getId())).hasSize(releasesBefore);
        assertThat(domains.list(after).stream().map(d -> d.hostname()).toList())
                .isEqualTo(domainsBefore).contains("keep.dash.example").doesNotContain("stolen.dash.example");
    }

    @Test
    void aCollaboratorSeesTheSharedAppAndUsesItsForms() throws Exception {
        String list = mvc.perform(get("/").with(user(COLLABORATOR))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(list).contains(APP).doesNotContain(OTHERS_APP);
        mvc.perform(get("/apps/" + APP).with(user(COLLABORATOR))).andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("<dd>admin</dd>")));
        mvc.perform(get("/apps/" + APP + "/builds/999999").with(user(COLLABORATOR))).andExpect(status().isNotFound())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("Build 999999 of " + APP + " not found")));

        mvc.perform(post("/apps/" + APP + "/config").with(user(COLLABORATOR)).with(csrf())
                        .param("key", "SHARED_BY").param("value", COLLABORATOR))
                .andExpect(redirectedUrl("/apps/" + APP))
                .andExpect(flash().attribute("notice", org.hamcrest.Matchers.containsString("Set SHARED_BY")));
        assertThat(appRows.findByName(APP).orElseThrow().getConfig()).containsEntry("SHARED_BY", COLLABORATOR);
        mvc.perform(post("/apps/" + APP + "/domains").with(user(COLLABORATOR)).with(csrf())
                        .param("hostname", "carlos.dash.example"))
                .andExpect(flash().attribute("notice", org.hamcrest.Matchers.containsString("Added carlos.dash.example")));
        mvc.perform(post("/apps/" + APP + "/domains/remove").with(user(COLLABORATOR)).with(csrf())
                        .param("hostname", "carlos.dash.example"))
                .andExpect(flash().attribute("notice", "Removed carlos.dash.example."));
        // the other user's app stays hidden from a collaborator of this one
        mvc.perform(get("/apps/" + OTHERS_APP).with(user(COLLABORATOR))).andExpect(status().isNotFound());
        mvc.perform(post("/apps/" + OTHERS_APP + "/config").with(user(COLLABORATOR)).with(csrf())
                        .param("key", "STOLEN").param("value", "1"))
                .andExpect(status().isNotFound());
        assertThat(appRows.findByName(OTHERS_APP).orElseThrow().getConfig()).doesNotContainKey("STOLEN");
    }

    @Test
    void aBadPathFieldOrHeaderIsAReadablePageNotJson() throws Exception {
        mvc.perform(get("/apps/" + APP + "/builds/abc").with(user("admin")))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.TEXT_HTML))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("Page not found: &#39;abc&#39;")));
        mvc.perform(get("/apps/" + APP + "/logs/stream").with(user("admin")).header("Last-Event-ID", "abc"))
                .andExpect(status().isBadRequest())
                .andExpect(request().asyncNotStarted())
                .andExpect(content().contentTypeCompatibleWith(MediaType.TEXT_HTML))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("Bad request: &#39;abc&#39;")));
        mvc.perform(post("/apps/" + APP + "/rollback").with(user("admin")).with(csrf()))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.TEXT_HTML))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("without a field it needs")));
    }

    @Test
    void anUnexpectedFailureIsAOneLinePageWithItsCauseOnlyInTheLog(CapturedOutput output) throws Exception {
        mvc.perform(get(Broken.PATH).with(user("admin")))
                .andExpect(status().isInternalServerError())
                .andExpect(content().contentTypeCompatibleWith(MediaType.TEXT_HTML))
                .andExpect(content().string(org.hamcrest.Matchers.containsString(
                        "Something went wrong on the controller; the details are in its log.")))
                .andExpect(content().string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString(Broken.SECRET))))
                .andExpect(content().string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("Exception"))));
        assertThat(output.getOut()).contains("Dashboard request GET " + Broken.PATH + " failed",
                "DataAccessResourceFailureException: " + Broken.SECRET, "at dev.paas.controller.dashboard.DashboardSecurityIT$Broken");
    }

    /** A dashboard page whose database fails, as any page's could. */
    @Controller
    static class Broken {
        static final String PATH = "/test/broken";
        static final String SECRET = "connection to 10.9.8.7:5432 refused";

        @GetMapping(PATH)
        String page() {
            throw new DataAccessResourceFailureException(SECRET);
        }
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
}
