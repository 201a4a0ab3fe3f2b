package dev.paas.controller.cert;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where automatic certificates come from: the ACME directory URL (PAAS_ACME_DIRECTORY; none: {@code paas
 * certs:auto:enable} is refused) and a PEM file of CA certificates to trust for it (PAAS_ACME_CA_FILE, for a private
 * ACME server; none: the JVM's usual trust). The file is read at each issuance, so a replaced CA needs no restart.
 */
@ConfigurationProperties("paas.acme")
public record AcmeSettings(String directory, Path caFile) {

    public boolean configured() {
        return directory != null && !directory.isBlank();
    }
}
