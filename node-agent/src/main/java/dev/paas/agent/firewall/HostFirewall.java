package dev.paas.agent.firewall;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The host's filter rules for the apps network's bridge, set by the agent at start (a node that joins has no
 * deploy script) and idempotent: a rule already there is left alone, so restarts and several agents on one host
 * add nothing twice. Two chains of the platform's own, reached only from the apps bridge:
 * <ul>
 *   <li>{@code PAAS-IN-<bridge>} from INPUT: an app opens no connection to the host itself, whichever address
 *   it tries (the bridge's gateway, the node's address) and whatever listens there (API, registry, PostgreSQL,
 *   SSH, other apps' published ports). Replies to connections the host opened (health probes) pass. Docker's
 *   embedded DNS answers inside the container's own namespace, so it needs no exception.</li>
 *   <li>{@code PAAS-FWD-<bridge>} from DOCKER-USER: no connection to another container on the bridge (Docker's
 *   inter-container switch drops those silently; refusing makes the app fail fast), none to the platform's
 *   published app ports on other nodes, none to the controller's host except its add-on ports (an add-on may run
 *   there, published on the host's address); anything else (package mirrors, add-ons on other nodes) passes.</li>
 * </ul>
 * Each rule is put at its place in its chain when missing, so a host whose chains an older agent made gets a new
 * rule where it belongs, not after a REJECT.
 */
public final class HostFirewall {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(HostFirewall.class);

    /** One rule: the chain it belongs to and its match and target. */
    public record Rule(String chain, List<String> spec) {
        @Override
        public String toString() {
            return "-A " + chain + " " + String.join(" ", spec);
        }
    }

    private static final List<String> REPLIES = List.of("-m", "conntrack", "--ctstate", "ESTABLISHED,RELATED",
            "-j", "RETURN");

    private final Iptables iptables;

    public HostFirewall(Iptables iptables) {
        this.iptables = iptables;
    }

    public static String inputChain(String bridge) {
        return "PAAS-IN-" + bridge;
    }

    public static String forwardChain(String bridge) {
        return "PAAS-FWD-" + bridge;
    }

    /**
     * The rules in order, replies first.
     *
     * @param controllerIp the controller's address, or null when it is this host (INPUT covers it then)
     */
    public static List<Rule> rules(String bridge, int firstPort, int lastPort, String controllerIp) {
        return rules(bridge, firstPort, lastPort, controllerIp, null);
    }

    /**
     * @param addonPorts the add-on ports ({@code FIRST-LAST}) apps may reach on the controller's host, or null
     */
    public static List<Rule> rules(String bridge, int firstPort, int lastPort, String controllerIp,
                                   String addonPorts) {
        String in = inputChain(bridge);
        String fwd = forwardChain(bridge);
        List<Rule> rules = new ArrayList<>();
        rules.add(new Rule(in, REPLIES));
        rules.add(new Rule(in, List.of("-j", "REJECT")));
        rules.add(new Rule(fwd, REPLIES));
        rules.add(new Rule(fwd, List.of("-o", bridge, "-j", "REJECT")));
        rules.add(new Rule(fwd, List.of("-p", "tcp", "--dport", firstPort + ":" + lastPort, "-j", "REJECT")));
        if (controllerIp != null) {
            if (addonPorts != null) {
                rules.add(new Rule(fwd, List.of("-d", controllerIp, "-p", "tcp", "--dport",
                        addonPorts.replace('-', ':'), "-j", "RETURN")));
            }
            rules.add(new Rule(fwd, List.of("-d", controllerIp, "-j", "REJECT")));
        }
        return rules;
    }

    /**
     * The interfaces of add-on networks ({@code pa-<hash>}, docker.AddonParts), as an iptables wildcard: an attached
     * app's container also has an address there, and the host one on the same bridge.
     */
    public static final String ADDON_BRIDGES = "pa-+";

    /**
     * The jumps from the built-in chains into ours, only for packets coming from the apps bridge; and from add-on
     * bridges into the same input chain, so the host is no more reachable from an add-on's network than from the
     * apps network (those networks are internal: Docker itself drops what they would forward).
     */
    public static List<Rule> jumps(String bridge) {
        return List.of(new Rule("INPUT", List.of("-i", bridge, "-j", inputChain(bridge))),
                new Rule("INPUT", List.of("-i", ADDON_BRIDGES, "-j", inputChain(bridge))),
                new Rule("DOCKER-USER", List.of("-i", bridge, "-j", forwardChain(bridge))));
    }

    /**
     * Makes sure every rule is in place; logs what it added. Never throws: without iptables (or without root)
     * the agent still runs apps, and says loudly that they can reach this host.
     *
     * @return true if every rule is in place
     */
    public boolean ensure(String bridge, List<Rule> rules) {
        try {
            int added = 0;
            java.util.Map<String, Integer> positions = new java.util.HashMap<>();
            for (Rule rule : rules) {
                if (!chainExists(rule.chain())) {
                    call(List.of("-N", rule.chain()));
                    log.info("firewall: created chain {}", rule.chain());
                }
                added += ensureRule(rule, positions.merge(rule.chain(), 1, Integer::sum));
            }
            for (Rule jump : jumps(bridge)) {
                added += ensureRule(jump, 1);
            }
            log.info("firewall for the apps bridge {}: {} rules added, {} already in place", bridge, added,
                    rules.size() + jumps(bridge).size() - added);
            return true;
        } catch (IOException | IllegalStateException e) {
            log.warn("firewall NOT set: app containers on {} can reach this host's services and other nodes'"
                    + " app ports ({}). Run the agent as root on a host with iptables.", bridge, e.getMessage());
            return false;
        }
    }

    /**
     * Inserts the rule at {@code position} (1 for a jump that must come before Docker's own; a chain rule's place in
     * its chain, whose earlier rules are in place by then) unless present anywhere in the chain.
     */
    private int ensureRule(Rule rule, int position) throws IOException {
        List<String> check = new ArrayList<>(List.of("-C", rule.chain()));
        check.addAll(rule.spec());
        if (iptables.run(check).code() == 0) {
            return 0;
        }
        List<String> add = new ArrayList<>(List.of("-I", rule.chain(), Integer.toString(position)));
        add.addAll(rule.spec());
        call(add);
        log.info("firewall: iptables {}", String.join(" ", add));
        return 1;
    }

    private boolean chainExists(String chain) throws IOException {
        return iptables.run(List.of("-S", chain)).code() == 0;
    }

    private void call(List<String> args) throws IOException {
        Iptables.Result result = iptables.run(args);
        if (result.code() != 0) {
            throw new IllegalStateException("iptables " + String.join(" ", args) + " failed: " + result.output());
        }
    }
}
