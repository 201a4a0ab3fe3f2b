package dev.paas.router.nginx;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import dev.paas.api.RouteTable.Route;
import dev.paas.api.RouteTable.TlsCert;

/**
 * An app's HTTPS servers as the router will render them: one per certificate, for the app's host names that
 * certificate serves. Like {@link EdgeSettings}, the router checks what the table says before it writes it: an id
 * that is not a fingerprint, a certificate whose files are not there, or a name the app is not served under is left
 * out and noted; a name two certificates claim is served by the first.
 */
final class TlsSettings {

    /** One HTTPS server: a certificate and the names it serves. */
    record TlsServer(String id, Set<String> domains) {
    }

    private TlsSettings() {
    }

    /**
     * @param served    the app's host names this router serves (checked by {@link Names}, not taken by another app)
     * @param available the certificates whose files are there
     */
    static List<TlsServer> servers(Route route, Set<String> served, Set<String> available, List<String> skipped) {
        if (route.tls() == null || route.tls().certs() == null) {
            return List.of();
        }
        List<TlsServer> servers = new ArrayList<>();
        Set<String> claimed = new HashSet<>();
        for (TlsCert cert : route.tls().certs()) {
            if (cert == null || cert.id() == null || !CertFiles.ID.matcher(cert.id()).matches()) {
                skipped.add("app " + route.app() + ": certificate id is not a SHA-256 fingerprint");
                continue;
            }
            if (!available.contains(cert.id())) {
                skipped.add("app " + route.app() + ": certificate " + cert.id() + " is not available; its names are"
                        + " not served over HTTPS");
                continue;
            }
            Set<String> names = new LinkedHashSet<>();
            for (String raw : cert.domains() == null ? List.<String>of() : cert.domains()) {
                var name = Names.domain(raw);
                if (name.isPresent() && served.contains(name.get()) && claimed.add(name.get())) {
                    names.add(name.get());
                }
            }
            if (!names.isEmpty()) {
                servers.add(new TlsServer(cert.id(), names));
            }
        }
        return servers;
    }

    /** Every certificate id the table names, valid or not: what the router fetches before rendering. */
    static Set<String> ids(List<Route> routes) {
        Set<String> ids = new LinkedHashSet<>();
        for (Route route : routes == null ? List.<Route>of() : routes) {
            if (route != null && route.tls() != null && route.tls().certs() != null) {
                route.tls().certs().stream().filter(c -> c != null && c.id() != null)
                        .forEach(c -> ids.add(c.id()));
            }
        }
        return ids;
    }
}
