package dev.paas.controller.formation;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import dev.paas.controller.user.TokenService;
import dev.paas.controller.web.ApiException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Join tokens: whoever presents one may join its formation in its layer, as a node-agent (runtime) or a router
 * (proxy). The token is shown once; only its SHA-256 is stored, as for API tokens.
 */
@Service
public class JoinTokens {

    /** What a join token lets its holder be. */
    public record Grant(long formationId, String formation, String layer) {
    }

    private final JdbcTemplate jdbc;
    private final SecureRandom random = new SecureRandom();

    JoinTokens(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    String create(String formation, String layer, String createdBy) {
        if (!"runtime".equals(layer) && !"proxy".equals(layer)) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY,
                    "Layer must be 'runtime' (node-agents) or 'proxy' (routers), not '" + layer + "'.");
        }
        List<Long> ids = jdbc.queryForList("SELECT id FROM formations WHERE name = ?", Long.class, formation);
        if (ids.isEmpty()) {
            throw ApiException.notFound("Unknown formation '" + formation + "': 'paas formations' lists them.");
        }
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        // The prefix tells a join token from a login token or the node token when one is pasted in the wrong place.
        String token = "pjt_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        jdbc.update("INSERT INTO join_tokens (token_hash, formation_id, layer, created_by) VALUES (?, ?, ?, ?)",
                TokenService.sha256(token), ids.get(0), layer, createdBy);
        return token;
    }

    /**
     * Why the grant's holder may not act as the node, or empty if it may: a known node must be in the grant's
     * formation and layer (a token for one formation never speaks for another's nodes).
     */
    public Optional<String> refusal(Grant grant, String node) {
        return jdbc.query("""
                SELECT f.id, f.name, n.layer FROM nodes n JOIN formations f ON f.id = n.formation_id WHERE n.name = ?""",
                (rs, i) -> rs.getLong(1) == grant.formationId() && rs.getString(3).equals(grant.layer()) ? null
                        : "Node '" + node + "' is in formation " + rs.getString(2) + " (" + rs.getString(3)
                        + " layer), not in the " + grant.layer() + " layer of " + grant.formation()
                        + " that this join token is for: choose another node name.", node)
                .stream().filter(java.util.Objects::nonNull).findFirst();
    }

    public Optional<Grant> find(String token) {
        return jdbc.query("""
                SELECT f.id, f.name, t.layer FROM join_tokens t JOIN formations f ON f.id = t.formation_id
                WHERE t.token_hash = ?""", (rs, i) -> new Grant(rs.getLong(1), rs.getString(2), rs.getString(3)),
                TokenService.sha256(token)).stream().findFirst();
    }
}
