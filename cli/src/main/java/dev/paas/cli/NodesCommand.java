package dev.paas.cli;

import java.time.Instant;
import java.util.List;

import dev.paas.api.NodeView;
import picocli.CommandLine.Command;

@Command(name = "nodes", mixinStandardHelpOptions = true, description = "List the cluster's nodes (admins only).")
final class NodesCommand extends PaasCommand {

    @Override
    public Integer call() {
        List<NodeView> nodes = api().getList("/v1/nodes", NodeView.class);
        Instant now = Instant.now();
        Table table = new Table("NAME", "FORMATION", "LAYER", "ADDRESS", "CAPACITY", "MEMORY USED", "MEMORY FREE",
                "CPUS", "CPU LIMITS", "CONTAINERS", "HEARTBEAT", "STATE");
        nodes.forEach(n -> {
            NodeView.Resources r = n.resources();
            table.row(n.name(), n.formation(), n.layer(), n.address(), r == null ? "-" : n.capacityMb() + " MB",
                    r == null ? "-" : r.usedMb() + " MB",
                    r == null ? "-" : Math.max(0, r.schedulableMb() - r.usedMb()) + " MB of " + r.schedulableMb(),
                    r == null || r.cpuMillis() == 0 ? "-" : LimitsCommand.cpu(r.cpuMillis()),
                    r == null ? "-" : r.usedCpuMillis() == 0 ? "0" : LimitsCommand.cpu(r.usedCpuMillis()),
                    n.containers(), PsCommand.ago(n.lastHeartbeat(), now) + " ago", n.state());
        });
        table.print(out());
        return 0;
    }
}
