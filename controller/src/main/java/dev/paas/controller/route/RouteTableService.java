package dev.paas.controller.route;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.paas.api.RouteTable;
import dev.paas.controller.PaasProperties;
import dev.paas.controller.app.App;
import dev.paas.controller.app.AppRepository;
import dev.paas.controller.domain.Domains;
import dev.paas.controller.release.Release;
import dev.paas.controller.release.ReleaseRepository;
import dev.paas.controller.schedule.Container;
import dev.paas.controller.schedule.ContainerRepository;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Computes the route table from the database. An app's traffic goes to the up web containers of its current
 * release once there are any, and until then to the up web containers of older releases, so a deploy never
 * leaves a gap. Each app is served under its default {@code <app>.<domain>} and its custom domains.
 */
@Service
class RouteTableService {

    private final AppRepository apps;
    private final ReleaseRepository releases;
    private final ContainerRepository containers;
    private final Domains domains;
    private final PaasProperties properties;

    RouteTableService(AppRepository apps, ReleaseRepository releases, ContainerRepository containers,
                      Domains domains, PaasProperties properties) {
        this.apps = apps;
        this.domains = domains;
        this.releases = releases;
        this.containers = containers;
        this.properties = properties;
    }

    @Transactional(readOnly = true)
    public RouteTable table(long version) {
        List<RouteTable.Route> routes = new ArrayList<>();
        Map<Long, List<String>> custom = domains.all();
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
            List<String> hostnames = new ArrayList<>();
            hostnames.add(app.getName() + "." + properties.domain());
            hostnames.addAll(custom.getOrDefault(app.getId(), List.of()));
            routes.add(new RouteTable.Route(app.getName(), hostnames, backends));
        }
        return new RouteTable(version, routes);
    }
}
