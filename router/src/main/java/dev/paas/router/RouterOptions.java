package dev.paas.router;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.paas.api.ControllerUrls;
import dev.paas.router.nginx.ListenAddress;

/**
 * The router's settings: each from a command-line option, else from its environment variable, else a default.
 * It needs a token: a join token for a formation's proxy layer (then it is a node of that layer and serves only
 * that formation's apps), or the cluster's node token (it serves every app).
 *
 * @param joined whether {@code token} is a join token
 * @param controllerCa the CA file an https controller's certificate must be signed by; null: the JVM's CAs
 * @param direct whether to ask for containers' bridge addresses (route.Reach in the controller) where they are
 *               reachable from here; false: published ports only, as routers did before (for comparisons, bench/router)
 * @param listenHttps where nginx serves HTTPS; null: no HTTPS
 */
public record RouterOptions(ControllerUrls controller, String token, String name, Path nginxDir, ListenAddress listen,
                            Path nginx, boolean joined, Path controllerCa, boolean direct, ListenAddress listenHttps) {

    public RouterOptions(ControllerUrls controller, String token, String name, Path nginxDir, ListenAddress listen,
                         Path nginx, boolean joined) {
        this(controller, token, name, nginxDir, listen, nginx, joined, null, true, null);
    }

    static final String USAGE = """
            Usage: paas-router (--join-token TOKEN | --token TOKEN) [--controller URL] [--name NAME]
                               [--nginx-dir DIR] [--listen HOST:PORT] [--listen-https HOST:PORT] [--nginx PATH]
                               [--direct true|false]
              --controller  controller URL(s), comma-separated: fail-over (PAAS_CONTROLLER, default http://127.0.0.1:8000)
              --join-token  from 'paas formations:token FORMATION --layer proxy' (PAAS_JOIN_TOKEN)
              --token       or the cluster's node token (PAAS_NODE_TOKEN)
              --name        this router's name    (PAAS_ROUTER_NAME,  default router1)
              --nginx-dir   nginx prefix dir      (PAAS_NGINX_DIR,    default /var/lib/paas/nginx)
              --listen      where nginx listens   (PAAS_ROUTER_LISTEN, default 127.0.0.1:8080)
              --listen-https  where nginx serves HTTPS (PAAS_ROUTER_LISTEN_HTTPS, default: no HTTPS)
              --nginx       nginx binary          (PAAS_NGINX,        default /usr/sbin/nginx)
              --controller-ca  the platform CA (PEM) an https controller is signed by (PAAS_CONTROLLER_CA)
              --direct      reach containers of nodes on this host at their bridge addresses
                                                  (PAAS_ROUTER_DIRECT, default true; false: published ports)""";

    private static final List<String[]> SETTINGS = List.of(
            new String[] {"controller", "PAAS_CONTROLLER", "http://127.0.0.1:8000"},
            new String[] {"token", "PAAS_NODE_TOKEN", ""},
            new String[] {"join-token", "PAAS_JOIN_TOKEN", ""},
            new String[] {"name", "PAAS_ROUTER_NAME", "router1"},
            new String[] {"nginx-dir", "PAAS_NGINX_DIR", "/var/lib/paas/nginx"},
            new String[] {"listen", "PAAS_ROUTER_LISTEN", "127.0.0.1:8080"},
            new String[] {"listen-https", "PAAS_ROUTER_LISTEN_HTTPS", ""},
            new String[] {"nginx", "PAAS_NGINX", "/usr/sbin/nginx"},
            new String[] {"controller-ca", "PAAS_CONTROLLER_CA", ""},
            new String[] {"direct", "PAAS_ROUTER_DIRECT", "true"});

    /** @throws IllegalArgumentException with a message to show next to the usage */
    static RouterOptions parse(String[] args, Map<String, String> env) {
        Map<String, String> given = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String option = args[i].startsWith("--") ? args[i].substring(2) : "";
            if (SETTINGS.stream().noneMatch(s -> s[0].equals(option))) {
                throw new IllegalArgumentException("Unknown option '" + args[i] + "'.");
            }
            if (i + 1 == args.length) {
                throw new IllegalArgumentException("Option " + args[i] + " needs a value.");
            }
            given.put(option, args[++i]);
        }
        Map<String, String> value = new HashMap<>();
        for (String[] setting : SETTINGS) {
            String v = given.getOrDefault(setting[0], env.getOrDefault(setting[1], setting[2]));
            // An empty default marks an optional setting (the CA, HTTPS; one of the two tokens is required, below).
            if (v == null || v.isBlank() && !"".equals(setting[2])) {
                throw new IllegalArgumentException("--" + setting[0] + " (or " + setting[1] + ") is required.");
            }
            value.put(setting[0], v.trim());
        }
        String name = value.get("name");
        if (!name.matches("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?")) {
            throw new IllegalArgumentException("Router name '" + name + "' is invalid: use lowercase letters, digits and dashes.");
        }
        ControllerUrls controller = ControllerUrls.parse(value.get("controller"));
        String direct = value.get("direct");
        if (!direct.equals("true") && !direct.equals("false")) {
            throw new IllegalArgumentException("--direct must be true or false, not '" + direct + "'.");
        }
        boolean joined = !value.get("join-token").isEmpty();
        if (!joined && value.get("token").isEmpty()) {
            throw new IllegalArgumentException("--join-token (or PAAS_JOIN_TOKEN) or --token (or PAAS_NODE_TOKEN)"
                    + " is required: an admin makes a join token with 'paas formations:token FORMATION --layer proxy'.");
        }
        Path ca = value.get("controller-ca").isEmpty() ? null : Path.of(value.get("controller-ca"));
        if (ca != null && !java.nio.file.Files.isReadable(ca)) {
            throw new IllegalArgumentException("The CA file '" + ca + "' is not a readable file.");
        }
        ListenAddress listen = ListenAddress.parse(value.get("listen"));
        ListenAddress https = value.get("listen-https").isEmpty() ? null : ListenAddress.parse(value.get("listen-https"));
        if (https != null && https.port() == listen.port() && https.host().equals(listen.host())) {
            throw new IllegalArgumentException("--listen-https must differ from --listen (" + listen + ").");
        }
        return new RouterOptions(controller, joined ? value.get("join-token") : value.get("token"), name,
                Path.of(value.get("nginx-dir")), listen, Path.of(value.get("nginx")), joined, ca,
                Boolean.parseBoolean(direct), https);
    }

    /** Never prints the token. */
    @Override
    public String toString() {
        return "controller=" + controller + " name=" + name + " nginx-dir=" + nginxDir + " listen=" + listen
                + (listenHttps == null ? "" : " listen-https=" + listenHttps)
                + " nginx=" + nginx + (joined ? " (joins with a join token)" : "")
                + (controllerCa == null ? "" : " controller-ca=" + controllerCa)
                + (direct ? "" : " (published ports only)");
    }
}
