package dev.paas.agent.firewall;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class HostFirewallTest {

    /** iptables as a map of chains to rules, answering as the real one does (0 done or present, 1 not found). */
    static final class FakeIptables implements Iptables {
        final Map<String, List<String>> chains = new LinkedHashMap<>();
        final List<List<String>> changes = new ArrayList<>();

        FakeIptables() {
            chains.put("INPUT", new ArrayList<>());
            chains.put("DOCKER-USER", new ArrayList<>(List.of("-j RETURN")));
        }

        @Override
        public Result run(List<String> args) {
            String chain = args.get(1);
            String spec = String.join(" ", args.subList(args.get(0).equals("-I") ? 3 : 2, args.size()));
            List<String> rules = chains.get(chain);
            switch (args.get(0)) {
                case "-S":
                    return new Result(rules == null ? 1 : 0, "");
                case "-N":
                    chains.put(chain, new ArrayList<>());
                    break;
                case "-C":
                    return new Result(rules != null && rules.contains(spec) ? 0 : 1, "");
                case "-A":
                    rules.add(spec);
                    break;
                case "-I":
                    rules.add(Integer.parseInt(args.get(2)) - 1, spec);
                    break;
                default:
                    throw new IllegalArgumentException(args.toString());
            }
            changes.add(args);
            return new Result(0, "");
        }
    }

    @Test
    void repliesPassFirstThenEverythingToTheHostIsRefused() {
        FakeIptables iptables = new FakeIptables();

        boolean done = new HostFirewall(iptables).ensure("paas-apps",
                HostFirewall.rules("paas-apps", 20000, 20999, "10.0.0.1"));

        assertThat(done).isTrue();
        assertThat(iptables.chains.get("PAAS-IN-paas-apps")).containsExactly(
                "-m conntrack --ctstate ESTABLISHED,RELATED -j RETURN", "-j REJECT");
        assertThat(iptables.chains.get("PAAS-FWD-paas-apps")).containsExactly(
                "-m conntrack --ctstate ESTABLISHED,RELATED -j RETURN",
                "-o paas-apps -j REJECT",
                "-p tcp --dport 20000:20999 -j REJECT",
                "-d 10.0.0.1 -j REJECT");
        // Only packets from the apps bridge enter the platform's chains, ahead of Docker's own RETURN.
        assertThat(iptables.chains.get("INPUT")).containsExactlyInAnyOrder("-i paas-apps -j PAAS-IN-paas-apps",
                "-i pa-+ -j PAAS-IN-paas-apps");
        assertThat(iptables.chains.get("DOCKER-USER")).containsExactly("-i paas-apps -j PAAS-FWD-paas-apps",
                "-j RETURN");
    }

    @Test
    void aSecondRunChangesNothing() {
        FakeIptables iptables = new FakeIptables();
        HostFirewall firewall = new HostFirewall(iptables);
        firewall.ensure("paas-apps", HostFirewall.rules("paas-apps", 20000, 20999, null));
        int changes = iptables.changes.size();

        assertThat(firewall.ensure("paas-apps", HostFirewall.rules("paas-apps", 20000, 20999, null))).isTrue();

        assertThat(iptables.changes).hasSize(changes);
    }

    @Test
    void appsMayReachTheAddonPortsOfTheControllersHostAndNothingElseThere() {
        FakeIptables iptables = new FakeIptables();

        new HostFirewall(iptables).ensure("paas-apps",
                HostFirewall.rules("paas-apps", 20000, 20999, "10.0.0.1", "19000-19999"));

        assertThat(iptables.chains.get("PAAS-FWD-paas-apps")).containsExactly(
                "-m conntrack --ctstate ESTABLISHED,RELATED -j RETURN",
                "-o paas-apps -j REJECT",
                "-p tcp --dport 20000:20999 -j REJECT",
                "-d 10.0.0.1 -p tcp --dport 19000:19999 -j RETURN",
                "-d 10.0.0.1 -j REJECT");
    }

    @Test
    void aChainAnOlderAgentMadeGetsTheNewRuleAtItsPlaceNotAfterTheReject() {
        FakeIptables iptables = new FakeIptables();
        HostFirewall firewall = new HostFirewall(iptables);
        firewall.ensure("paas-apps", HostFirewall.rules("paas-apps", 20000, 20999, "10.0.0.1"));

        firewall.ensure("paas-apps", HostFirewall.rules("paas-apps", 20000, 20999, "10.0.0.1", "19000-19999"));

        assertThat(iptables.chains.get("PAAS-FWD-paas-apps")).containsSubsequence(
                "-d 10.0.0.1 -p tcp --dport 19000:19999 -j RETURN", "-d 10.0.0.1 -j REJECT");
        assertThat(iptables.chains.get("PAAS-FWD-paas-apps")).hasSize(5);
    }

    @Test
    void noControllerRuleWhenTheControllerIsThisHost() {
        assertThat(HostFirewall.rules("paas-apps", 1, 2, null)).extracting(HostFirewall.Rule::spec)
                .noneMatch(spec -> spec.contains("-d"));
    }

    @Test
    void withoutIptablesItWarnsAndTheAgentGoesOn() {
        Iptables missing = args -> {
            throw new IOException("Cannot run program \"iptables\": error=2, No such file or directory");
        };

        assertThat(new HostFirewall(missing).ensure("paas-apps", HostFirewall.rules("paas-apps", 1, 2, null)))
                .isFalse();
    }

    @Test
    void aRefusedChangeIsReportedNotThrown() {
        Set<String> calls = new HashSet<>();
        Iptables notRoot = args -> {
            calls.add(args.get(0));
            return args.get(0).equals("-S") || args.get(0).equals("-C") ? new Iptables.Result(1, "")
                    : new Iptables.Result(4, "Permission denied (you must be root)");
        };

        assertThat(new HostFirewall(notRoot).ensure("paas-apps", HostFirewall.rules("paas-apps", 1, 2, null)))
                .isFalse();
        assertThat(calls).containsExactlyInAnyOrder("-S", "-N");
    }
}
