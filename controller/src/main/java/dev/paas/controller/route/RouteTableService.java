package dev.paas.controller.route;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import dev.paas.api.RouteTable;
import dev.paas.controller.PaasProperties;
import dev.paas.controller.app.App;
import dev.paas.controller.app.AppRepository;
import dev.paas.controller.release.Release;
import dev.paas.controller.release.ReleaseRepository;
import dev.paas.controller.schedule.Container;
import dev.paas.controller.schedule.ContainerRepository;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Computes the route table from the database. An app's traffic goes to the up web containers of its current
 * release once there are any, and until then to the up web containers of older releases, so a deploy never
 * leaves a gap.
 */
@Service
class RouteTableService {

    private final AppRepository apps;
    private final ReleaseRepository releases;
    private final ContainerRepository containers;
    private final PaasProperties properties;

    RouteTableService(AppRepository apps, ReleaseRepository releases, ContainerRepository containers,
                      PaasProperties properties) {
        this.apps = apps;
        this.releases = releases;
        this.containers = containers;
        this.properties = properties;
    }

    @Transactional(readOnly = true)
    public RouteTable table(long version) {
        List<RouteTable.Route> routes = new ArrayList<>();
        for (App app : apps.findAllByOrderByName()) {
            Optional<Release> current = releases.current(app.getId());
            if (current.isEmpty()) {
                continue;
            }
            List<Container> up = containers.findByAppIdOrderByName(app.getId()).stream()
                    .filter(c -> c.getProcessType().equals("web") && c.isUp() && !c.isRetiring()).toList();
            List<Container> fresh = up.stream().filter(c -> c.getRelease().getId().equals(current.get().getId())).toList();
            List<Container> serving = fresh.isEmpty() ? up : fresh;
            List<RouteTable.Backend> backends = serving.stream()
                    .sorted(Comparator.comparing(Container::getName))
                    .map(c -> new RouteTable.Backend(c.getNode().getAddress(), c.getHostPort())).toList();
            routes.add(new RouteTable.Route(app.getName(), List.of(app.getName() + "." + properties.domain()), backends));
        }
        return new RouteTable(version, routes);
    }
}
