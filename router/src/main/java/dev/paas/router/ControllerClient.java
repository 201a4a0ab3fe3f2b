package dev.paas.router;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.paas.api.ApiError;
import dev.paas.api.ControllerUrls;
import dev.paas.api.LogBatch;
import dev.paas.api.NetworkHost;
import dev.paas.api.NodeRegistered;
import dev.paas.api.NodeRegistration;
import dev.paas.api.NodeReport;
import dev.paas.api.RouteTable;
import dev.paas.api.RouterAck;
import dev.paas.api.TlsMaterial;

/**
 * The controller endpoints a router uses. It registers (see {@link ProxyNode}) with a join token or the cluster's node
 * token, which register and do nothing else, and presents from then on the credential of its own node that the
 * registration answered, kept in memory only. If the controller refuses that credential (another registration replaced it, or the
 * join token was revoked) it is forgotten and the router registers again with its token, which tells which.
 */
public final class ControllerClient {

    /** Added to the long poll's wait, so a slow answer is not mistaken for a dead controller. */
    private static final Duration SLACK = Duration.ofSeconds(10);

    private final ControllerUrls controllers;
    private final String token;
    /** Sent with every route poll: the controller gives bridge addresses for the containers of nodes on it. */
    private final String networkHost;
    private volatile String credential;
    private volatile boolean credentialLost;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            // A newer controller may add fields; an older router should keep routing.
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    public ControllerClient(URI controller, String token) {
        this(ControllerUrls.of(controller), token, true);
    }

    public ControllerClient(ControllerUrls controllers, String token) {
        this(controllers, token, true);
    }

    /**
     * With several controllers: calls go to one of them, and move to the next when it cannot be reached.
     * @param direct whether to tell the controller this router's network host (it then gives bridge addresses)
     */
    public ControllerClient(ControllerUrls controllers, String token, boolean direct) {
        this.networkHost = direct ? NetworkHost.current() : null;
        this.controllers = controllers;
        this.token = token;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** Long poll: the controller answers at once if its version differs from {@code since}, else within {@code wait}. */
    public RouteTable routes(long since, Duration wait) throws IOException, InterruptedException {
        HttpRequest request = request("/v1/routes?since=" + since + "&wait=" + wait.toSeconds()
                + (NetworkHost.valid(networkHost) ? "&host=" + networkHost : ""))
                .timeout(wait.plus(SLACK)).GET().build();
        HttpResponse<String> response = send(request);
        return json.readValue(response.body(), RouteTable.class);
    }

    public void acknowledge(String router, long version) throws IOException, InterruptedException {
        HttpRequest request = request("/v1/routers/" + router + "/applied").timeout(SLACK)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(new RouterAck(version)))).build();
        send(request);
    }

    /** Ships access lines into the apps' log streams. */
    public void logs(String router, LogBatch batch) throws IOException, InterruptedException {
        HttpRequest request = request("/v1/routers/" + router + "/logs").timeout(SLACK)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(batch))).build();
        send(request);
    }

    /**
     * A certificate's chain and private key, for nginx. The key is kept in memory only until it is written to its
     * 0600 file, and never logged.
     */
    public TlsMaterial certificate(String router, String id) throws IOException, InterruptedException {
        HttpResponse<String> response = send(request("/v1/routers/" + router + "/certs/" + id).timeout(SLACK).GET()
                .build());
        return json.readValue(response.body(), TlsMaterial.class);
    }

    /** Registers this router as a proxy node: of the formation its join token names, or of the default one. */
    public void register(NodeRegistration registration) throws IOException, InterruptedException {
        HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(controllers.current() + "/v1/nodes/register"))
                .header("Authorization", "Bearer " + token).timeout(SLACK).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(registration))).build());
        // A controller from before node credentials answers 204: the token then stays what this router presents.
        if (answer.body() != null && !answer.body().isBlank()) {
            String own = json.readValue(answer.body(), NodeRegistered.class).credential();
            if (own != null) {
                credential = own;
                credentialLost = false;
            }
        }
    }

    /** True once the controller refused this router's credential: it registers again with its token. */
    public boolean mustRegisterAgain() {
        return credentialLost;
    }

    /** A proxy node's heartbeat: an observed report with no containers. */
    public void heartbeat(String node) throws IOException, InterruptedException {
        send(request("/v1/nodes/" + node + "/observed").timeout(SLACK).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(new NodeReport(List.of())))).build());
    }

    /** The controller does not accept this router's token; retrying will not help. */
    public static final class RefusedException extends IOException {
        RefusedException(String message) {
            super(message);
        }
    }

    private HttpRequest.Builder request(String path) {
        String own = credential;
        return HttpRequest.newBuilder(URI.create(controllers.current() + path)).header("Authorization", "Bearer "
                + (own != null ? own : token));
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            // No controller there (or it died mid-call): the next call, the caller's retry, goes to the next one.
            controllers.failed(request.uri());
            throw e;
        }
        String own = credential;
        if (response.statusCode() == 401 && own != null
                && request.headers().firstValue("Authorization").orElse("").equals("Bearer " + own)) {
            credential = null;
            credentialLost = true;
            throw new IOException(request.method() + " " + request.uri().getPath() + " answered 401 to this router's"
                    + " credential: " + message(response.body()) + "; registering again");
        }
        if (response.statusCode() == 401) {
            throw new RefusedException(request.method() + " " + request.uri().getPath() + " answered 401: "
                    + message(response.body()));
        }
        if (response.statusCode() / 100 != 2) {
            throw new IOException(request.method() + " " + request.uri().getPath() + " answered "
                    + response.statusCode() + ": " + message(response.body()));
        }
        return response;
    }

    private String message(String body) {
        try {
            ApiError error = json.readValue(body, ApiError.class);
            return error.message() != null ? error.message() : body;
        } catch (IOException e) {
            return body;
        }
    }
}
