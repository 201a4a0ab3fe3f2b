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

    Processes(ContainerRepository containers) {
        this.containers = containers;
    }

    @Transactional(readOnly = true)
    public List<ProcessStatus> of(App app) {
        return containers.findByAppIdOrderByName(app.getId()).stream()
                .map(c -> new ProcessStatus(c.getProcessType() + "." + c.getIndex(), c.getProcessType(), c.getIndex(),
                        c.isRetiring() ? "stopping" : state(c.getObservedState()), c.getRelease().getVersion(),
                        c.getNode().getName(), c.getStateSince()))
                .toList();
    }

    /** A desired container that exited is crashed: its agent restarts it with back-off. */
    private static String state(String observed) {
        return observed.equals("exited") ? "crashed" : observed;
    }
}
