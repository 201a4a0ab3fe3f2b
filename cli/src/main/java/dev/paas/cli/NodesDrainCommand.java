package dev.paas.cli;

import dev.paas.api.DrainRequest;
import dev.paas.api.DrainResult;
import dev.paas.cli.http.ApiClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "nodes:drain", mixinStandardHelpOptions = true,
        description = "Move every container off a node with no downtime; it takes no new ones (admins only).")
final class NodesDrainCommand extends PaasCommand {

    @Parameters(paramLabel = "NODE", description = "The node, as 'paas nodes' names it.")
    String node;

    @Override
    public Integer call() {
        ApiClient api = api();
        Progress progress = Progress.start(out(), "Draining " + node);
        DrainResult result = progress.step(() -> api.post("/v1/drains", new DrainRequest(node), DrainResult.class));
        if (result.remaining() > 0) {
            progress.end("not done");
            err().println(result.remaining() + " of " + result.moved() + " containers still on " + node
                    + " after " + progress.elapsed() + ": see 'paas nodes'.");
            return 1;
        }
        progress.done(result.moved() + " containers moved");
        return 0;
    }
}
