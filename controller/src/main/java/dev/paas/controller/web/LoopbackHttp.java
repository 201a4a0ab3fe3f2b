package dev.paas.controller.web;

import org.apache.catalina.connector.Connector;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * With {@code paas.loopback-http=true}, plain HTTP on 127.0.0.1 at the API's port as well, for this host's own
 * clients (the cli, the node-agent and router deploy/up starts here, the dashboard through an SSH tunnel), while
 * the main connector serves TLS on the cluster address ({@code server.address}, {@code server.ssl.*}, see
 * docs/security.md "Across hosts"). Loopback traffic never leaves the host, as in a one-host cluster.
 */
@Component
@ConditionalOnProperty(name = "paas.loopback-http", havingValue = "true")
class LoopbackHttp implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        if (factory.getAddress() == null || factory.getAddress().isAnyLocalAddress()
                || factory.getAddress().isLoopbackAddress()) {
            throw new IllegalStateException("paas.loopback-http needs server.address set to the cluster address"
                    + " (the main connector already serves loopback otherwise)");
        }
        Connector connector = new Connector(TomcatServletWebServerFactory.DEFAULT_PROTOCOL);
        connector.setPort(factory.getPort());
        connector.setProperty("address", "127.0.0.1");
        factory.addAdditionalTomcatConnectors(connector);
    }
}
