package dev.paas.controller.route;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import dev.paas.api.RouteTable;
import dev.paas.api.RouteTable.Backend;
import org.junit.jupiter.api.Test;

/** Which address a router is given for a web container, given its network host and the container's node's. */
class ReachTest {

    private static final String HOST = "h-0123456789abcdef01234567";
    private static final String OTHER_HOST = "h-fedcba9876543210fedcba98";
    private static final Backend PUBLISHED = new Backend("10.200.0.2", 20005);

    @Test
    void aRouterOnTheNodesNetworkHostGetsTheBridgeAddressAndTheAppsPort() {
        Reach reach = new Reach(PUBLISHED, "172.18.0.7", 5000, HOST);

        assertThat(reach.forRouter(HOST)).isEqualTo(new Backend("172.18.0.7", 5000));
    }

    @Test
    void aRouterOnAnotherHostGetsThePublishedPort() {
        Reach reach = new Reach(PUBLISHED, "172.18.0.7", 5000, HOST);

        assertThat(reach.forRouter(OTHER_HOST)).isEqualTo(PUBLISHED);
    }

    @Test
    void aRouterOrANodeThatDoesNotSayWhereItRunsGetsThePublishedPort() {
        // Older routers send no host, older agents registered none: both keep working as before.
        assertThat(new Reach(PUBLISHED, "172.18.0.7", 5000, HOST).forRouter(null)).isEqualTo(PUBLISHED);
        assertThat(new Reach(PUBLISHED, "172.18.0.7", 5000, null).forRouter(HOST)).isEqualTo(PUBLISHED);
        assertThat(new Reach(PUBLISHED, "172.18.0.7", 5000, null).forRouter(null)).isEqualTo(PUBLISHED);
    }

    @Test
    void aContainerWithoutABridgeAddressIsReachedOnItsPublishedPortEvenFromItsOwnHost() {
        assertThat(new Reach(PUBLISHED, null, 5000, HOST).forRouter(HOST)).isEqualTo(PUBLISHED);
    }

    @Test
    void anInvalidRouterHostMatchesNothing() {
        String odd = "H 1";
        assertThat(new Reach(PUBLISHED, "172.18.0.7", 5000, odd).forRouter(odd)).isEqualTo(PUBLISHED);
    }

    @Test
    void eachRouterGetsTheAddressesOfItsOwnHostFromOneTable() {
        Backend otherPublished = new Backend("127.0.0.1", 20001);
        List<ReachableRoute> table = List.of(new ReachableRoute("hello", List.of("hello.localhost"), List.of(
                new Reach(PUBLISHED, "172.18.0.7", 5000, OTHER_HOST),
                new Reach(otherPublished, "172.18.0.8", 8080, HOST)), null, null, null));

        assertThat(ReachableRoute.forRouter(table, HOST)).containsExactly(new RouteTable.Route("hello",
                List.of("hello.localhost"), List.of(PUBLISHED, new Backend("172.18.0.8", 8080)), null));
        assertThat(ReachableRoute.forRouter(table, OTHER_HOST)).containsExactly(new RouteTable.Route("hello",
                List.of("hello.localhost"), List.of(new Backend("172.18.0.7", 5000), otherPublished), null));
    }
}
