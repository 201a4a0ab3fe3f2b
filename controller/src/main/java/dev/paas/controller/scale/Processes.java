package dev.paas.controller.scale;

import java.util.List;

import dev.paas.api.ProcessStatus;
import dev.paas.controller.app.App;
import dev.paas.controller.schedule.ContainerRepository;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** An app's processes as {@code paas ps} and the dashboard show them. */
@Component
public class Processes {

    private final ContainerRepository containers;
    private final int defaultMemoryMb;

    Processes(ContainerRepository containers, dev.paas.controller.limits.FormationLimitStore limits) {
        this.containers = containers;
        this.defaultMemoryMb = limits.platformMemoryMb();
    }

    @Transactional(readOnly = true)
    public List<ProcessStatus> of(App app) {
        return containers.findByAppIdOrderByName(app.getId()).stream()
                .map(c -> new ProcessStatus(c.getProcessType() + "." + c.getIndex(), c.getProcessType(), c.getIndex(),
                        c.isRetiring() ? "stopping" : state(c.getObservedState(), c.getLastExit()),
                        c.getRelease().getVersion(), c.getNode().getName(), c.getStateSince(),
                        c.memoryMb(defaultMemoryMb), c.cpuMillis(), c.getLastExit(), c.getLastExitAt()))
                .toList();
    }

    /**
     * A desired container that exited is crashed, or out of memory when the kernel killed it for going past its
     * limit: its agent restarts it with back-off either way.
     */
    static String state(String observed, String lastExit) {
        if (!observed.equals("exited")) {
            return observed;
        }
        return dev.paas.api.ObservedContainer.OUT_OF_MEMORY.equals(lastExit) ? "crashed: out of memory" : "crashed";
    }
}
