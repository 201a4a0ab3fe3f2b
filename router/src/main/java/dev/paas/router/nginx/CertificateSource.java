package dev.paas.router.nginx;

import java.io.IOException;

import dev.paas.api.TlsMaterial;

/** Where the router reads a certificate's chain and key: the controller, with this router's own credential. */
@FunctionalInterface
public interface CertificateSource {

    TlsMaterial fetch(String id) throws IOException, InterruptedException;
}
