package dev.paas.controller.node;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import dev.paas.controller.formation.JoinTokens;
import dev.paas.controller.user.TokenService;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * The credential each node gets at registration in exchange for its join token (or the cluster's node token): random,
 * shown once, stored as its SHA-256 on the node's row, and speaking only for that node (see {@code web.AuthFilter}).
 * A new registration of the node replaces it. It stays tied to the join token it came from: once that token is
 * revoked the credential is refused with the token's revocation message.
 */
@Service
public class NodeCredentials {

    /** Tells a node credential from a join token ({@code pjt_}) or a login token at a glance. */
    public static final String PREFIX = "pnc_";

    /** Who a credential speaks for, and the join token grant it came from (empty for the node token). */
    public record Identity(String node, String layer, Optional<JoinTokens.Grant> grant) {
    }

    /** A presented credential's identity, or why it is refused. */
    public record Presented(Optional<Identity> identity, String refusal) {
    }

    private final JdbcTemplate jdbc;
    private final JoinTokens joinTokens;
    private final SecureRandom random = new SecureRandom();

    NodeCredentials(JdbcTemplate jdbc, JoinTokens joinTokens) {
        this.jdbc = jdbc;
        this.joinTokens = joinTokens;
    }

    /** A new credential; the caller stores its {@link TokenService#sha256 hash} on the node. */
    String generate() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public Presented find(String credential) {
        record Row(String node, String layer, Long joinTokenId) {
        }
        List<Row> found = jdbc.query("SELECT name, layer, join_token_id FROM nodes WHERE credential_hash = ?",
                (rs, i) -> new Row(rs.getString(1), rs.getString(2), (Long) rs.getObject(3)),
                TokenService.sha256(credential));
        if (found.isEmpty()) {
            return new Presented(Optional.empty(), "Unknown node credential (the node registered again since, or"
                    + " was removed): register again with the join token.");
        }
        Row row = found.get(0);
        if (row.joinTokenId() == null) {
            return new Presented(Optional.of(new Identity(row.node(), row.layer(), Optional.empty())), null);
        }
        JoinTokens.Presented token = joinTokens.byId(row.joinTokenId());
        return token.grant().isEmpty() ? new Presented(Optional.empty(), token.refusal())
                : new Presented(Optional.of(new Identity(row.node(), row.layer(), token.grant())), null);
    }
}
