package dev.paas.controller;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The controller's settings, from application.yml or environment variables (PAAS_DATA_DIR, PAAS_NODE_TOKEN...).
 *
 * @param nodeToken     shared secret node-agents and routers present
 * @param adminPassword when set and no user exists yet, the user "admin" is created with it
 * @param sshHost       host name users push to (shown in git URLs)
 * @param domain        apps are served at {@code <app>.<domain>}
 * @param routerPort    port the routers' nginx listens on, for the web URLs shown to users
 * @param deployTimeout how long a push waits for the new release to serve before giving up on waiting
 */
@ConfigurationProperties("paas")
public record PaasProperties(
        @DefaultValue("/var/lib/paas") Path dataDir,
        String nodeToken,
        String adminPassword,
        @DefaultValue("127.0.0.1") String sshHost,
        @DefaultValue("2222") int sshPort,
        @DefaultValue("127.0.0.1:5000") String registry,
        @DefaultValue("localhost") String domain,
        @DefaultValue("8080") int routerPort,
        @DefaultValue("90s") Duration deployTimeout) {

    public Path reposDir() {
        return dataDir.resolve("repos");
    }

    public String webUrl(String app) {
        return "http://" + app + "." + domain + (routerPort == 80 ? "" : ":" + routerPort);
    }

    public String gitUrl(String app) {
        return "ssh://git@" + sshHost + ":" + sshPort + "/" + app + ".git";
    }
}
