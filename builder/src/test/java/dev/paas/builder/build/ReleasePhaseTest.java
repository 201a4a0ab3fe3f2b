package dev.paas.builder.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.math.BigInteger;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.github.dockerjava.api.DockerClient;
import org.junit.jupiter.api.Test;

/** The release phase on the real Docker engine: app code, so confined as the app's containers are. */
class ReleasePhaseTest {

    private static final String IMAGE = "paas/stack-run:bookworm";

    @Test
    void runsConfinedOnTheAppsNetwork() throws Exception {
        DockerClient docker = LocalDocker.connect();
        try {
            docker.inspectImageCmd(IMAGE).exec();
        } catch (RuntimeException e) {
            assumeTrue(false, "Docker or " + IMAGE + " is missing: " + e.getMessage());
        }
        List<String> log = new CopyOnWriteArrayList<>();

        int code = new ReleasePhase(docker).run("release-test", IMAGE, "grep CapEff /proc/self/status;"
                + " cat /sys/fs/cgroup/pids/pids.max 2>/dev/null || cat /sys/fs/cgroup/pids.max;"
                + " python3 -c 'import socket; print(socket.gethostbyname(socket.gethostname()))'; echo $GREETING",
                Map.of("GREETING", "hi"), Duration.ofSeconds(60), log::add);

        assertThat(code).as(String.join("\n", log)).isZero();
        assertThat(log).hasSize(4);
        assertThat(log.get(0)).isEqualTo(DockerOutput.INDENT + "CapEff:\t0000000000000000");
        assertThat(log.get(1)).isEqualTo(DockerOutput.INDENT + "512");
        String subnet = docker.inspectNetworkCmd().withNetworkId("paas-apps").exec().getIpam().getConfig().get(0)
                .getSubnet();
        assertThat(inSubnet(log.get(2).strip(), subnet)).as(log.get(2) + " in " + subnet).isTrue();
        assertThat(log.get(3)).isEqualTo(DockerOutput.INDENT + "hi");
    }

    private static boolean inSubnet(String address, String cidr) throws Exception {
        int bits = Integer.parseInt(cidr.substring(cidr.indexOf('/') + 1));
        BigInteger ip = new BigInteger(1, InetAddress.getByName(address).getAddress());
        BigInteger net = new BigInteger(1, InetAddress.getByName(cidr.substring(0, cidr.indexOf('/'))).getAddress());
        return ip.shiftRight(32 - bits).equals(net.shiftRight(32 - bits));
    }
}
