package dev.paas.router.nginx;

import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * The fixed part of the router's nginx configuration. Every file nginx writes (pid, logs, temp files) lives in the
 * router's own directory, so this nginx needs nothing from the system one and can run beside it.
 */
final class MainConfig {

    /** Where Debian's libnginx-mod-http-lua and libnginx-mod-http-ndk put their modules. */
    static final String MODULES = "/usr/lib/nginx/modules";
    static final String LUA_MODULE = "paas_backends.lua";
    static final String PAGES_MODULE = "paas_pages.lua";
    /** The maintenance pages, read by paas_pages.lua in the master at every start and reload. */
    static final String PAGES_FILE = "maintenance.pages";

    private static final Pattern SAFE_PATH = Pattern.compile("/[A-Za-z0-9/._-]*");

    private MainConfig() {
    }

    /** The directory must be a plain absolute path: it is written into the configuration unquoted. */
    static Path checkDirectory(Path dir) {
        Path absolute = dir.toAbsolutePath().normalize();
        if (!SAFE_PATH.matcher(absolute.toString()).matches()) {
            throw new IllegalArgumentException("nginx directory '" + dir
                    + "' is invalid: use a path of letters, digits, '/', '.', '_' and '-'.");
        }
        return absolute;
    }

    /**
     * @param dir    the nginx prefix directory
     * @param routes the routes file to include: the live one, or a candidate under test
     */
    static String render(Path dir, Path routes) {
        String d = checkDirectory(dir).toString();
        return """
                # Written by paas-router at every start. Routes live in the included file; backends live in the
                # shared dict paas_backends, which the router fills through control/control.sock (see paas_backends.lua).
                # Debian's libnginx-mod-http-lua; the ndk module must be loaded first.
                load_module %3$s/ndk_http_module.so;
                load_module %3$s/ngx_http_lua_module.so;
                daemon on;
                worker_processes auto;
                pid %1$s/nginx.pid;
                error_log %1$s/error.log;
                # After a reload, old workers get this long to finish what they serve before they exit: requests in
                # flight, and WebSockets and event streams opened before the reload, which live on in the old worker
                # until they close or this ends. Reloads come only with app, host name, setting or certificate
                # changes (backends change without one), so few generations of old workers overlap.
                worker_shutdown_timeout 10m;

                events {
                    worker_connections 1024;
                }

                http {
                    # An upgrade (WebSocket) asks the backend for one; any other request gets an empty Connection header,
                    # which lets nginx keep its upstream connections alive.
                    map $http_upgrade $paas_connection {
                        default upgrade;
                        '' '';
                    }
                    # A request id the client sent is kept when it is a plain token (ids of other proxies, tracing
                    # systems); anything else is replaced by nginx's own random id, so no client text reaches the
                    # access lines unchecked.
                    map $http_x_request_id $paas_request_id {
                        "~^[A-Za-z0-9._:@+=/-]{1,200}$" $http_x_request_id;
                        default $request_id;
                    }
                    # Read by paas-router (AccessLogShipper) and shipped into the apps' log streams: the one access log,
                    # so each request costs one log write.
                    log_format paas_access escape=json
                        '$msec\t$host\t$request_method\t$request_uri\t$status\t$request_time\t$body_bytes_sent\t$upstream_addr\t$paas_request_id';
                    # Buffered: nginx writes the lines out 64 KiB (or one second) at a time instead of one write per
                    # request; the shipper polls every 250 ms anyway, so a line reaches `paas logs` at most a second later.
                    access_log %1$s/access-paas.log paas_access buffer=64k flush=1s;
                    client_body_temp_path %1$s/client_body_temp;
                    proxy_temp_path %1$s/proxy_temp;
                    fastcgi_temp_path %1$s/fastcgi_temp;
                    uwsgi_temp_path %1$s/uwsgi_temp;
                    scgi_temp_path %1$s/scgi_temp;
                    default_type text/plain;
                    # nginx's 1 MB default would refuse ordinary uploads; bodies are buffered in this directory.
                    client_max_body_size 100m;
                    server_tokens off;
                    # HTTPS (when the router listens for it): modern protocols only; sessions resumed across workers.
                    ssl_protocols TLSv1.2 TLSv1.3;
                    ssl_session_cache shared:paas_tls:10m;
                    ssl_session_timeout 1h;
                    # Domains may be up to 253 characters; the default bucket fails nginx -t on long ones.
                    server_names_hash_bucket_size 512;

                    lua_package_path "%1$s/lua/?.lua;;";
                    # Loaded by the master, which forks the workers with it: workers run as nobody and may not be
                    # allowed to read the router's directory.
                    init_by_lua_block {
                        require("paas_backends")
                        require("paas_pages").load("%1$s/maintenance.pages")
                    }
                    # Survives a HUP reload; a cold start begins empty and the router fills it after starting nginx.
                    lua_shared_dict paas_backends 10m;
                    # The balancer's round-robin counters and resting peers: written on the request path, so kept out of
                    # paas_backends, where filling the zone could evict (LRU) an app's backends.
                    lua_shared_dict paas_balancer 4m;

                    # Every app's location proxies here; paas_backends.lua picks one of the app's ($paas_app) backends.
                    upstream paas_backends {
                        # Never used: nginx wants one server line; the balancer sets the real peer for every try.
                        server 0.0.0.1;
                        # Must come before keepalive, which wraps the balancer it finds.
                        balancer_by_lua_block {
                            require("paas_backends").balance()
                        }
                        keepalive 64;
                    }

                    # The router's control endpoint. nginx creates unix sockets with mode 0666, so the socket lives in
                    # control/, which the router creates with mode 0700: only its owner (root, when deployed) can
                    # reach it. The master binds it; the workers (nobody) inherit the listening descriptor.
                    server {
                        listen unix:%1$s/control/control.sock;
                        access_log off;
                        # The whole backend table is one body (tens of bytes per backend): generous, so a large
                        # platform's table is never refused. The buffer is as large so the body stays in memory, where
                        # paas_backends.lua reads it; nginx allocates only what a request's Content-Length needs.
                        client_body_buffer_size 32m;
                        client_max_body_size 32m;
                        location = /backends {
                            content_by_lua_block {
                                require("paas_backends").replace()
                            }
                        }
                        location / {
                            return 404;
                        }
                    }

                    include %2$s;
                }
                """.formatted(d, checkDirectory(routes), MODULES);
    }
}
