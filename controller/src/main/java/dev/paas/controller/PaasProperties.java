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
 * @param sharedDir     what every controller of one database must see alike (PAAS_SHARED_DIR): the apps' bare git
 *                      repositories, the SSH host key, add-on backups. Default: the data directory, for one controller;
 *                      with several, a directory they all mount (each keeps its own data directory for builds and caches)
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
        @DefaultValue("90s") Duration deployTimeout,
        Path sharedDir) {

    public Path shared() {
        return sharedDir == null ? dataDir : sharedDir;
    }

    public Path reposDir() {
        return shared().resolve("repos");
    }

    /** The git server's key: the same on every controller, so a push to another one sees no changed host key. */
    public Path sshHostKey() {
        return shared().resolve("ssh_host_key");
    }

    public String webUrl(String app) {
        return "http://" + app + "." + domain + (routerPort == 80 ? "" : ":" + routerPort);
    }

    public String gitUrl(String app) {
        return "ssh://git@" + sshHost + ":" + sshPort + "/" + app + ".git";
    }
}
