package dev.paas.cli;

import dev.paas.api.DrainRequest;
import dev.paas.api.DrainResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "nodes:drain", mixinStandardHelpOptions = true,
        description = "Move every container off a node with no downtime; it takes no new ones (admins only).")
final class NodesDrainCommand extends PaasCommand {

    @Parameters(paramLabel = "NODE", description = "The node, as 'paas nodes' names it.")
    String node;

    @Override
    public Integer call() {
        long started = System.nanoTime();
        out().print("Draining " + node + "... ");
        out().flush();
        DrainResult result;
        try {
            result = api().post("/v1/drains", new DrainRequest(node), DrainResult.class);
        } catch (RuntimeException e) {
            out().println("failed");
            throw e;
        }
        String elapsed = String.format("%.1fs", (System.nanoTime() - started) / 1e9);
        if (result.remaining() > 0) {
            out().println("not done");
            err().println(result.remaining() + " of " + result.moved() + " containers still on " + node
                    + " after " + elapsed + ": see 'paas nodes'.");
            return 1;
        }
        out().println(result.moved() + " containers moved, done in " + elapsed);
        return 0;
    }
}
