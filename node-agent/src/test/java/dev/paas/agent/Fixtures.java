package dev.paas.agent;

import dev.paas.agent.engine.NodeContainer;
import dev.paas.api.DesiredContainer;

import java.util.List;
import java.util.Map;

/** Small builders so tests read as "given desired and observed". */
public final class Fixtures {

    private Fixtures() {
    }

    /** {@code hello.v1.web.1} style container listening on 8080. */
    public static DesiredContainer desired(String name) {
        String[] parts = name.split("\\.");
        return new DesiredContainer(name, parts[0], Integer.parseInt(parts[1].substring(1)), parts[2],
                Integer.parseInt(parts[3]), "127.0.0.1:5000/" + parts[0] + ":" + parts[1],
                List.of("/bin/sh", "-c", "python3 -m http.server $PORT"), Map.of("PORT", "8080"), 8080);
    }

    public static NodeContainer running(String name, int hostPort) {
        return new NodeContainer("id-" + name, name, true, "172.17.0.2", 8080, hostPort);
    }

    public static NodeContainer exited(String name, int hostPort) {
        return new NodeContainer("id-" + name, name, false, null, 8080, hostPort);
    }
}
