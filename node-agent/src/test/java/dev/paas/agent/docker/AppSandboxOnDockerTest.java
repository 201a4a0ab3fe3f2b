package dev.paas.agent.docker;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.Frame;
import dev.paas.agent.engine.ContainerSpec;
import dev.paas.agent.firewall.HostFirewall;
import dev.paas.agent.firewall.Iptables;
import dev.paas.api.DesiredContainer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * App containers on their own apps network, behind the host firewall, as the agent sets them up at start: each
 * container is inspected for its confinement, and one app tries to reach another app and the host, and fails,
 * while the published port still answers from the host. A network, chains and an image of the test's own, all
 * removed afterwards.
 */
class AppSandboxOnDockerTest {

    private static final String SUFFIX = UUID.randomUUID().toString().substring(0, 8);
    private static final String NETWORK = "paas-t" + SUFFIX;
    private static final String USER_IMAGE = "paas-test/app-user:" + SUFFIX;
    private static DockerContainerEngine engine;
    private static String bridge;
    private static String gateway;
    private static boolean firewall;
    private final String node = "sandbox-" + SUFFIX;

    @BeforeAll
    static void isolatedNetwork() throws Exception {
        DockerContainerEngine plain = LocalDocker.engineWith(LocalDocker.STACK_IMAGE);
        bridge = AppNetwork.ensure(plain.client(), NETWORK);
        gateway = plain.client().inspectNetworkCmd().withNetworkId(NETWORK).exec()
                .getIpam().getConfig().get(0).getGateway();
        firewall = new HostFirewall(Iptables.system()).ensure(bridge, HostFirewall.rules(bridge, 29700, 29799, null));
        engine = plain.sandboxed(AppSandbox.limitsOnly().onNetwork(NETWORK).withPidsLimit(200));
        buildImageWithUser();
    }

    @AfterAll
    static void removeNetwork() throws IOException {
        if (engine == null) {
            return;
        }
        Iptables iptables = Iptables.system();
        for (HostFirewall.Rule jump : HostFirewall.jumps(bridge)) {
            iptables.run(concat(List.of("-D", jump.chain()), jump.spec()));
        }
        for (String chain : List.of(HostFirewall.inputChain(bridge), HostFirewall.forwardChain(bridge))) {
            iptables.run(List.of("-F", chain));
            iptables.run(List.of("-X", chain));
        }
        engine.client().removeNetworkCmd(NETWORK).exec();
        engine.client().removeImageCmd(USER_IMAGE).exec();
    }

    @AfterEach
    void removeContainers() {
        engine.list(node).forEach(c -> engine.remove(c.id()));
    }

    @Test
    void anAppContainerRunsConfined() {
        String id = engine.run(spec("web.1", LocalDocker.STACK_IMAGE, "exec python3 -m http.server $PORT", 29701));

        InspectContainerResponse container = engine.client().inspectContainerCmd(id).exec();
        var host = container.getHostConfig();
        assertThat(host.getCapDrop()).containsExactly(Capability.ALL);
        assertThat(host.getCapAdd()).isNullOrEmpty();
        assertThat(host.getSecurityOpts()).containsExactly("no-new-privileges");
        assertThat(host.getPidsLimit()).isEqualTo(200L);
        assertThat(host.getCpuShares()).isEqualTo(1024);
        assertThat(host.getLogConfig().getType().getType()).isEqualTo("json-file");
        assertThat(host.getLogConfig().getConfig()).containsEntry("max-size", "10m").containsEntry("max-file", "3");
        assertThat(host.getNetworkMode()).isEqualTo(NETWORK);
        assertThat(container.getNetworkSettings().getNetworks()).containsOnlyKeys(NETWORK);
    }

    @Test
    void theImagesUnprivilegedUserIsKept() throws Exception {
        String id = engine.run(spec("whoami.1", USER_IMAGE, "id -u; cat /proc/self/status | grep CapEff", 29702));

        String out = output(id);

        assertThat(engine.client().inspectContainerCmd(id).exec().getConfig().getUser()).isEqualTo("10000:10000");
        assertThat(out).contains("10000\n").contains("CapEff:\t0000000000000000");
    }

    @Test
    void anAppReachesNeitherAnotherAppNorTheHostWhileThePublishedPortAnswers() throws Exception {
        assumeTrue(firewall, "iptables could not be set (not root?)");
        // Published on every address, as on a node whose routers are elsewhere: the gateway is one of them.
        String other = engine.run(spec("other.1", LocalDocker.STACK_IMAGE, "exec python3 -m http.server $PORT",
                29703, "0.0.0.0"));
        String otherIp = address(other);
        try (ServerSocket hostService = new ServerSocket()) {
            hostService.bind(new InetSocketAddress("0.0.0.0", 0));
            int hostPort = hostService.getLocalPort();
            awaitHttp(29703);

            String probe = engine.run(spec("probe.1", USER_IMAGE, "exec python3 -c '" + """
                    import socket, sys
                    for name, host, port in [(n, h, int(p)) for n, h, p in (a.split("=") for a in sys.argv[1:])]:
                        try:
                            socket.create_connection((host, port), timeout=3).close()
                            print(name, "connected")
                        except OSError as e:
                            print(name, type(e).__name__)
                    print("dns", socket.gethostbyname("deb.debian.org") != "")
                    """ + "' other=" + otherIp + "=8080 gateway=" + gateway + "=" + hostPort
                    + " published=" + gateway + "=29703", 29704));

            String out = output(probe);

            assertThat(out).as(out)
                    .contains("other ConnectionRefusedError")
                    .contains("gateway ConnectionRefusedError")
                    .contains("published ConnectionRefusedError")
                    .contains("dns True");
        }
        assertThat(awaitHttp(29703)).isEqualTo(200);
    }

    @Test
    void aForkBombStopsAtThePidsLimit() throws Exception {
        String id = engine.run(spec("bomb.1", USER_IMAGE, "exec python3 -c '" + """
                import os, time
                n = 0
                try:
                    while n < 5000:
                        if os.fork() == 0:
                            time.sleep(20)
                            os._exit(0)
                        n += 1
                except OSError as e:
                    print("stopped after", n, "forks:", e.strerror)
                """ + "'", 29705));

        String out = output(id);

        assertThat(out).as(out).containsPattern("stopped after 1\\d\\d forks: Resource temporarily unavailable");
    }

    private ContainerSpec spec(String name, String image, String script, int hostPort) {
        return spec(name, image, script, hostPort, "127.0.0.1");
    }

    private ContainerSpec spec(String name, String image, String script, int hostPort, String bindIp) {
        DesiredContainer desired = new DesiredContainer("app-" + SUFFIX + "." + name, "app-" + SUFFIX, 1,
                name.substring(0, name.indexOf('.')), 1, image, List.of("/bin/sh", "-c", script),
                Map.of("PORT", "8080"), 8080);
        return ContainerSpec.of(node, desired, bindIp, hostPort);
    }

    private static String address(String id) {
        return engine.client().inspectContainerCmd(id).exec().getNetworkSettings().getNetworks().get(NETWORK)
                .getIpAddress();
    }

    /** Everything the container wrote, once it has exited. */
    private static String output(String id) throws InterruptedException {
        engine.client().waitContainerCmd(id).start().awaitStatusCode(60, TimeUnit.SECONDS);
        StringBuilder out = new StringBuilder();
        engine.client().logContainerCmd(id).withStdOut(true).withStdErr(true)
                .exec(new ResultCallback.Adapter<Frame>() {
                    @Override
                    public void onNext(Frame frame) {
                        out.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
                    }
                }).awaitCompletion(10, TimeUnit.SECONDS);
        return out.toString();
    }

    private static int awaitHttp(int port) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            try {
                return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode();
            } catch (IOException e) {
                assertThat(System.nanoTime()).as("no answer on port " + port).isLessThan(deadline);
                Thread.sleep(100);
            }
        }
    }

    /** The run stack with an unprivileged USER, as a buildpack app's image has it. */
    private static void buildImageWithUser() throws IOException {
        Path dir = Files.createTempDirectory("paas-agent-user");
        try {
            Files.writeString(dir.resolve("Dockerfile"), "FROM " + LocalDocker.STACK_IMAGE + "\nUSER 10000:10000\n");
            engine.client().buildImageCmd(dir.toFile()).withTags(Set.of(USER_IMAGE)).start().awaitImageId();
        } finally {
            Files.delete(dir.resolve("Dockerfile"));
            Files.delete(dir);
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }
}
