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
        Table table = new Table("NAME", "FORMATION", "LAYER", "ADDRESS", "CAPACITY", "CONTAINERS", "HEARTBEAT", "STATE");
        nodes.forEach(n -> table.row(n.name(), n.formation(), n.layer(), n.address(), n.capacityMb() + " MB",
                n.containers(), PsCommand.ago(n.lastHeartbeat(), now) + " ago", n.state()));
        table.print(out());
        return 0;
    }
}
