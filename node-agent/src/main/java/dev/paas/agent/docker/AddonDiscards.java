package dev.paas.agent.docker;

import com.github.dockerjava.api.DockerClient;
import dev.paas.api.ServiceParts;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Removes the volume and network of each destroyed add-on the controller names, once: the data goes only when
 * the add-on is destroyed, never because a container left the desired state. Remembered per agent run (a
 * restarted agent checks each once more, which costs an inspect each).
 */
public final class AddonDiscards implements Consumer<List<String>> {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(AddonDiscards.class);
    private static final int REMEMBERED_MAX = 10_000;

    private final DockerClient docker;
    private final Set<String> done = ConcurrentHashMap.newKeySet();

    public AddonDiscards(DockerClient docker) {
        this.docker = docker;
    }

    @Override
    public void accept(List<String> names) {
        for (String name : names) {
            if (done.contains(name)) {
                continue;
            }
            try {
                if (AddonParts.discard(docker, ServiceParts.volumeOf(name), ServiceParts.networkOf(name))) {
                    if (done.size() >= REMEMBERED_MAX) {
                        done.clear();
                    }
                    done.add(name);
                }
            } catch (RuntimeException e) {
                log.warn("could not remove what add-on {} left: {}", name, e.getMessage());
            }
        }
    }
}
