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
 * Computes the route table from the database. An app's traffic goes to the up web containers of older releases
 * until every web container of its current release is up, then to those, so a deploy never leaves a gap (see
 * {@link #serving}). Each app is served under its default {@code <app>.<domain>} and its custom domains.
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
            List<Container> web = containers.findByAppIdOrderByName(app.getId()).stream()
                    .filter(c -> c.getProcessType().equals("web") && !c.isRetiring()).toList();
            Long currentId = current.get().getId();
            List<Container> fresh = web.stream().filter(c -> c.getRelease().getId().equals(currentId)).toList();
            List<Container> serving = serving(fresh.size(), fresh.stream().filter(Container::isUp).toList(),
                    web.stream().filter(c -> c.isUp() && !c.getRelease().getId().equals(currentId)).toList());
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

    /**
     * Which web containers take an app's traffic: the current release's up ones once all {@code freshCount} of
     * them are up, or as soon as any is when nothing older is up (a first deploy, a scale-up, a crash); until
     * then the older releases' up ones. Switching in one step costs each router one reload per rollout instead
     * of one per new container (a reload closes clients' kept-alive connections), and never lets the first new
     * container take all of the traffic alone.
     */
    static <T> List<T> serving(int freshCount, List<T> freshUp, List<T> olderUp) {
        if (freshUp.isEmpty()) {
            return olderUp;
        }
        return olderUp.isEmpty() || freshUp.size() == freshCount ? freshUp : olderUp;
    }
}
