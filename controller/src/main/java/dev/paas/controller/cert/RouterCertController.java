package dev.paas.controller.cert;

import java.util.regex.Pattern;

import dev.paas.api.TlsMaterial;
import dev.paas.controller.formation.JoinTokens;
import dev.paas.controller.web.ApiException;
import dev.paas.controller.web.JoinGrants;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The one place a private key leaves the controller: to a router, which {@code web.AuthFilter} lets through only
 * with the credential of a proxy-layer node speaking for itself (never a user's token, a join token or an agent's
 * credential). A router that joined a formation reads only the platform's certificate and those of its
 * formation's apps. The key is not logged here nor anywhere on the way.
 */
@RestController
class RouterCertController {

    private static final Pattern FINGERPRINT = Pattern.compile("[0-9a-f]{64}");

    private final CertStore store;

    RouterCertController(CertStore store) {
        this.store = store;
    }

    @GetMapping("/v1/routers/{router}/certs/{id}")
    TlsMaterial material(@PathVariable String router, @PathVariable String id, HttpServletRequest request) {
        Long formationId = JoinGrants.of(request).map(JoinTokens.Grant::formationId).orElse(null);
        if (!FINGERPRINT.matcher(id).matches()) {
            throw ApiException.notFound("No certificate " + id + ".");
        }
        return store.material(id, formationId).map(m -> new TlsMaterial(m.chain(), m.keyPem()))
                .orElseThrow(() -> ApiException.notFound("No certificate " + id + " for router " + router + "."));
    }
}
