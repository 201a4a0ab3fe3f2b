package dev.paas.api;

/**
 * A certificate chain and its private key (PKCS#8), both PEM, as only an authenticated router reads them
 * ({@code GET /v1/routers/{router}/certs/{id}}). Never shown to users, never logged.
 */
public record TlsMaterial(String certificate, String privateKey) {

    /** Never prints the key. */
    @Override
    public String toString() {
        return "TlsMaterial[certificate " + (certificate == null ? 0 : certificate.length()) + " chars]";
    }
}
