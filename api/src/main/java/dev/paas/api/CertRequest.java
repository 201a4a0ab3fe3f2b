package dev.paas.api;

/**
 * {@code paas certs:add CERT.pem KEY.pem [--domain NAME]} and {@code paas certs:platform:set}: a PEM certificate
 * chain (the server's certificate first, then its intermediates) and its PEM private key. {@code domain}: null for
 * the app's certificate (it must cover every custom domain of the app), or one custom domain it alone serves.
 */
public record CertRequest(String certificate, String privateKey, String domain) {

    /** Never prints the key. */
    @Override
    public String toString() {
        return "CertRequest[domain=" + domain + "]";
    }
}
