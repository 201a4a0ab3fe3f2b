package dev.paas.controller.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.paas.api.LogLine;
import dev.paas.controller.ApiCalls;
import dev.paas.controller.log.LogFollower;
import dev.paas.controller.log.LogStore;
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
 * Long polls hold no thread of the web server: with Tomcat cut down to {@link #THREADS} threads, hundreds of
 * node-agents' desired-state polls wait while the API still answers; a poll returns on its node's change and at the
 * end of its wait, and so does a log follow ({@code paas logs -f}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"server.tomcat.threads.max=" + LongPollIT.THREADS, "server.tomcat.threads.min-spare=2"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LongPollIT {

    static final int THREADS = 8;
    static final int NODES = 320;

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ObjectMapper json;
    @Autowired
    NodeController nodes;
    @Autowired
    LogStore logs;
    @Autowired
    LogFollower follower;

    ApiCalls api;
    String token;
    // a formation of its own, so no other test's app is placed on these nodes; names unique to this run
    final String formation = "lp-" + UUID.randomUUID().toString().substring(0, 8);
    final HttpClient http = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        ApiCalls.properties(registry, "long-poll-it");
    }

    @BeforeAll
    void login() throws Exception {
        api = new ApiCalls(port, json);
        token = api.login("admin", ApiCalls.ADMIN_PASSWORD);
        api.call("POST", "/v1/formations", token, Map.of("name", formation), 201);
    }

    @Test
    void manyWaitingPollsLeaveTheApiAnswering() throws Exception {
        // nodes of a formation of their own: no app is ever placed on them, so no change answers their polls
        String many = formation + "-many";
        api.call("POST", "/v1/formations", token, Map.of("name", many), 201);
        List<HttpRequest> requests = new ArrayList<>();
        for (int i = 0; i < NODES; i++) {
            String name = many + "-n" + i;
            String credential = register(name, many);
            long version = api.call("GET", "/v1/nodes/" + name + "/desired?wait=0", credential, null, 200)
                    .get("version").asLong();
            requests.add(desired(name, credential, version, 30));
        }
        List<CompletableFuture<HttpResponse<String>>> polls = new ArrayList<>();
        requests.forEach(request -> polls.add(http.sendAsync(request, HttpResponse.BodyHandlers.ofString())));
        // Every poll has reached the controller and waits there, each on no thread, with THREADS of them in all.
        await().atMost(Duration.ofSeconds(25)).until(() -> nodes.waitingPolls() >= NODES);

        JsonNode apps = api.call("GET", "/v1/apps", token, null, 200);
        assertThat(apps.isArray()).isTrue();
        api.call("GET", "/v1/whoami", token, null, 200);
        assertThat(polls).as("the API answered while every poll still waits").noneMatch(CompletableFuture::isDone);
        polls.forEach(poll -> poll.cancel(true));
    }

    @Test
    void aPollReturnsWhenItsNodesDesiredStateChangesAndNotForAnotherNodes() throws Exception {
        String app = formation + "-app";
        String credential = register(formation + "-mine");
        String other = register(formation + "-other");
        long version = api.call("GET", "/v1/nodes/" + formation + "-mine/desired?wait=0", credential, null, 200)
                .get("version").asLong();
        long otherVersion = api.call("GET", "/v1/nodes/" + formation + "-other/desired?wait=0", other, null, 200)
                .get("version").asLong();
        var mine = http.sendAsync(desired(formation + "-mine", credential, version, 25), HttpResponse.BodyHandlers.ofString());
        var theirs = http.sendAsync(desired(formation + "-other", other, otherVersion, 25),
                HttpResponse.BodyHandlers.ofString());
        await().atMost(Duration.ofSeconds(20)).until(() -> nodes.waitingPolls() >= 2);

        // one container, placed on one of the two nodes: only that node's poll answers
        api.call("POST", "/v1/apps", token, Map.of("name", app, "formation", formation), 201);
        release(app);
        var scaled = CompletableFuture.supplyAsync(() -> call("POST", "/v1/apps/" + app + "/scale",
                Map.of("counts", Map.of("web", 1))));
        CompletableFuture<HttpResponse<String>> answered = CompletableFuture.anyOf(mine, theirs)
                .thenApply(first -> mine.isDone() ? mine.join() : theirs.join());
        HttpResponse<String> response = answered.get(20, TimeUnit.SECONDS);
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode state = json.readTree(response.body());
        assertThat(state.get("version").asLong()).isNotEqualTo(version);
        assertThat(state.get("containers")).hasSize(1);
        assertThat(state.get("containers").get(0).get("name").asText()).isEqualTo(app + ".v1.web.1");
        // written out and completed: no longer an answer that node reports give way to
        await().atMost(Duration.ofSeconds(10)).until(() -> nodes.answeringPolls() == 0);
        boolean mineAnswered = mine.isDone();
        assertThat(mineAnswered ? theirs : mine).as("the other node's poll still waits").isNotDone();
        (mineAnswered ? theirs : mine).cancel(true);
        scaled.cancel(true);
        // Its nodes never report: without the app, nothing moves its container from one to the other.
        api.call("DELETE", "/v1/apps/" + app, token, null, 204);
    }

    @Test
    void aPollReturnsAtTheEndOfItsWaitWithTheSameState() throws Exception {
        String name = formation + "-idle";
        String credential = register(name);
        JsonNode first = api.call("GET", "/v1/nodes/" + name + "/desired?wait=0", credential, null, 200);
        HttpResponse<String> response = http.send(desired(name, credential, first.get("version").asLong(), 1),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json.readTree(response.body()).get("containers")).isEmpty();
    }

    @Test
    void aLogFollowReturnsWithTheNextLineOfItsAppOrAtTheEndOfItsWait() throws Exception {
        String app = formation + "-logs";
        api.call("POST", "/v1/apps", token, Map.of("name", app, "formation", formation), 201);
        long last = api.call("GET", "/v1/apps/" + app + "/logs?n=10", token, null, 200).get("cursor").asLong();

        JsonNode idle = api.call("GET", "/v1/apps/" + app + "/logs?after=" + last + "&wait=1", token, null, 200);
        assertThat(idle.get("lines")).isEmpty();
        assertThat(idle.get("cursor").asLong()).isEqualTo(last);

        var follow = CompletableFuture.supplyAsync(() -> call("GET", "/v1/apps/" + app + "/logs?after=" + last
                + "&wait=25", null));
        await().atMost(Duration.ofSeconds(20)).until(() -> follower.waiting() >= 1);
        logs.append(List.of(new LogLine(0, Instant.now(), app, LogLine.APP, "web.1", 1, "hello")));
        JsonNode page = follow.get(20, TimeUnit.SECONDS);
        assertThat(page.get("lines")).hasSize(1);
        assertThat(page.get("lines").get(0).get("text").asText()).isEqualTo("hello");
    }

    private String register(String name) throws Exception {
        return register(name, formation);
    }

    private String register(String name, String formation) throws Exception {
        return api.registerNode(ApiCalls.NODE_TOKEN, Map.of("name", name, "address", "10.7.0.1", "formation",
                formation, "layer", "runtime", "capacityMb", 1024));
    }

    private HttpRequest desired(String node, String credential, long since, int wait) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/nodes/" + node
                        + "/desired?since=" + since + "&wait=" + wait))
                .header("Authorization", "Bearer " + credential).timeout(Duration.ofSeconds(wait + 20)).build();
    }

    /** A succeeded build and its release v1, as a push leaves them (no image: no agent runs it). */
    private void release(String app) {
        Long appId = jdbc.queryForObject("SELECT id FROM apps WHERE name = ?", Long.class, app);
        Long buildId = jdbc.queryForObject("INSERT INTO builds (app_id, git_sha, status, image, created_by, process_types)"
                + " VALUES (?, 'abc', 'succeeded', 'img', 'admin', '{\"web\": \"python3 app.py\"}') RETURNING id",
                Long.class, appId);
        jdbc.update("INSERT INTO releases (app_id, version, build_id, summary, created_by, status)"
                + " VALUES (?, 1, ?, 'Deploy abc', 'admin', 'succeeded')", appId, buildId);
    }

    private JsonNode call(String method, String path, Object body) {
        try {
            return api.call(method, path, token, body, 200);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
