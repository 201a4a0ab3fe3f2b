package dev.paas.controller.route;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import dev.paas.api.RouteTable;
import dev.paas.controller.PaasProperties;
import dev.paas.controller.cert.CertRouting;
import dev.paas.controller.domain.Domains;
import dev.paas.controller.edge.EdgeStore;
import dev.paas.controller.release.Release;
import dev.paas.controller.schedule.Container;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Computes the route table from the database. An app's traffic goes to the up web containers of older releases
 * until every web container of its current release is up, then to those, so a deploy never leaves a gap (see
 * {@link #serving}). Each app is served under its default {@code <app>.<domain>} and its custom domains. The table is
 * read once for all routers, with every way to reach each container ({@link Reach}); each router gets the addresses
 * it can use ({@link ReachableRoute#forRouter}).
 */
@Service
class RouteTableService {

    /**
     * Every app with a current release (its newest one that has not failed) that has a web process type (a
     * worker-only app gets no route), with its web containers that are not
     * retiring and their nodes' addresses, in one statement: the table is read for every router after every change
     * of the feed, right on the path from a container coming up to the routers sending it traffic, and the JPA way
     * (the apps, then each one's current release and its containers, loading their releases and nodes) took 30-50 ms
     * of that path on a busy 2-core box even with a single app. One statement is also one consistent snapshot.
     */
    static final String TABLE_SQL = """
            SELECT a.id, a.name, cur.id AS current_id, c.name AS container, c.release_id, c.observed_state,
                   c.host_port, n.address, c.ip, n.network_host, COALESCE(cb.port, 5000) AS port
            FROM apps a
            JOIN LATERAL (SELECT r.id, b.process_types::jsonb -> 'web' IS NOT NULL AS has_web
                          FROM releases r JOIN builds b ON b.id = r.build_id
                          WHERE r.app_id = a.id AND """ + " " + Release.CURRENT_SQL + """
            ) cur ON cur.has_web
            LEFT JOIN containers c ON c.app_id = a.id AND c.process_type = 'web' AND c.retiring_since IS NULL
            LEFT JOIN nodes n ON n.id = c.node_id
            LEFT JOIN releases cr ON cr.id = c.release_id
            LEFT JOIN builds cb ON cb.id = cr.build_id
            ORDER BY a.name, a.id
            """;

    private final JdbcTemplate jdbc;
    private final Domains domains;
    private final PaasProperties properties;
    private final EdgeStore edges;
    private final CertRouting certs;

    RouteTableService(JdbcTemplate jdbc, Domains domains, PaasProperties properties, EdgeStore edges,
                      CertRouting certs) {
        this.jdbc = jdbc;
        this.certs = certs;
        this.domains = domains;
        this.properties = properties;
        this.edges = edges;
    }

    /** One web container as the route table sees it. */
    private record Web(String name, long releaseId, boolean up, Reach reach) {
    }

    /** An app with a current release, and its web containers. */
    private record AppRow(long id, String name, long currentId, List<Web> web) {
    }

    /**
     * No transaction: each statement is consistent, and a domain or edge setting changed between them shows in the
     * next table.
     */
    public List<ReachableRoute> table() {
        Map<Long, List<String>> custom = domains.all();
        Map<Long, RouteTable.Edge> edge = edges.all();
        CertRouting.Snapshot tls = certs.snapshot();
        List<AppRow> apps = new ArrayList<>();
        jdbc.query(TABLE_SQL, rs -> {
            long appId = rs.getLong("id");
            AppRow app = apps.isEmpty() ? null : apps.get(apps.size() - 1);
            if (app == null || app.id() != appId) {
                app = new AppRow(appId, rs.getString("name"), rs.getLong("current_id"), new ArrayList<>());
                apps.add(app);
            }
            String container = rs.getString("container");
            if (container != null) {
                Integer hostPort = rs.getObject("host_port", Integer.class);
                boolean up = Container.up(rs.getString("observed_state"), hostPort);
                Reach reach = new Reach(new RouteTable.Backend(rs.getString("address"), hostPort == null ? 0 : hostPort),
                        rs.getString("ip"), rs.getInt("port"), rs.getString("network_host"));
                app.web().add(new Web(container, rs.getLong("release_id"), up, reach));
            }
        });
        List<ReachableRoute> routes = new ArrayList<>();
        for (AppRow app : apps) {
            List<Web> fresh = app.web().stream().filter(w -> w.releaseId() == app.currentId()).toList();
            List<Web> serving = serving(fresh.size(), fresh.stream().filter(Web::up).toList(),
                    app.web().stream().filter(w -> w.up() && w.releaseId() != app.currentId()).toList());
            List<Reach> backends = serving.stream()
                    .sorted(Comparator.comparing(Web::name))
                    .map(Web::reach).toList();
            List<String> hostnames = new ArrayList<>();
            String defaultName = app.name() + "." + properties.domain();
            hostnames.add(defaultName);
            hostnames.addAll(custom.getOrDefault(app.id(), List.of()));
            // An app in maintenance keeps its backends: switching maintenance off serves them at once.
            routes.add(new ReachableRoute(app.name(), hostnames, backends, edge.get(app.id()),
                    tls.tls(app.id(), defaultName, custom.getOrDefault(app.id(), List.of())), tls.challenges(app.id())));
        }
        return routes;
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
