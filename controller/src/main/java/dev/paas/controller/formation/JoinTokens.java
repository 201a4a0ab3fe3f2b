package dev.paas.controller.formation;

import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import dev.paas.api.JoinTokenInfo;
import dev.paas.controller.user.TokenService;
import dev.paas.controller.web.ApiException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Join tokens: whoever presents one may join its formation in its layer, as a node-agent (runtime) or a router
 * (proxy). The token is shown once; only its SHA-256 and its first characters are stored, as for API tokens.
 * A node exchanges its token at registration for a credential of its own (see {@code node.NodeCredentials}), which
 * stays tied to the token: revoking one refuses the nodes that joined with it at their next request (they stop), so
 * an admin rotates by restarting them with a new token first.
 */
@Service
public class JoinTokens {

    /** What a join token lets its holder be; {@code tokenId} is the token's, which a node's credential remembers. */
    public record Grant(long formationId, String formation, String layer, long tokenId) {
    }

    /** A presented token's grant, or why it is refused (unknown or revoked). */
    public record Presented(Optional<Grant> grant, String refusal) {

        static Presented refused(String why) {
            return new Presented(Optional.empty(), why);
        }
    }

    /** Enough of a token to tell it apart in a listing, far too little to guess the rest (43 random characters). */
    static final int PREFIX_CHARS = "pjt_".length() + 6;
    /** last_used_at is a hint for admins: writing it on every heartbeat and long poll would be a write per request. */
    private static final String TOUCH_EVERY = "1 minute";

    private final JdbcTemplate jdbc;
    private final Formations formations;
    private final SecureRandom random = new SecureRandom();
    private final List<Runnable> revocationListeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    JoinTokens(JdbcTemplate jdbc, Formations formations) {
        this.jdbc = jdbc;
        this.formations = formations;
    }

    String create(String formation, String layer, String createdBy) {
        if (!"runtime".equals(layer) && !"proxy".equals(layer)) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY,
                    "Layer must be 'runtime' (node-agents) or 'proxy' (routers), not '" + layer + "'.");
        }
        long formationId = formations.idOf(formation).orElseThrow(() -> ApiException.notFound(
                "Unknown formation '" + formation + "': 'paas formations' lists them."));
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        // The prefix tells a join token from a login token or the node token when one is pasted in the wrong place.
        String token = "pjt_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        jdbc.update("""
                INSERT INTO join_tokens (token_hash, token_prefix, formation_id, layer, created_by)
                VALUES (?, ?, ?, ?, ?)""",
                TokenService.sha256(token), token.substring(0, PREFIX_CHARS), formationId, layer, createdBy);
        return token;
    }

    /** The grant of a presented token, noting that it was used; refused if unknown or revoked. */
    public Presented find(String token) {
        return presented("t.token_hash = ?", TokenService.sha256(token), true);
    }

    /**
     * The grant of the token a node registered with, for the node's credential: refused once the token is revoked,
     * so that revoking a join token stops the nodes that joined with it.
     */
    public Presented byId(long id) {
        return presented("t.id = ?", id, false);
    }

    private Presented presented(String where, Object key, boolean touch) {
        record Row(long id, Presented presented, boolean usedLongAgo) {
        }
        List<Row> found = jdbc.query("""
                SELECT t.id, f.id, f.name, t.layer, t.revoked_at, t.revoked_by, t.token_prefix,
                       t.last_used_at IS NULL OR t.last_used_at < now() - CAST(? AS INTERVAL)
                FROM join_tokens t JOIN formations f ON f.id = t.formation_id WHERE\s""" + where,
                (rs, i) -> new Row(rs.getLong(1), rs.getTimestamp(5) == null
                        ? new Presented(Optional.of(new Grant(rs.getLong(2), rs.getString(3), rs.getString(4),
                                rs.getLong(1))), null)
                        : Presented.refused("Join token " + rs.getLong(1) + " (" + label(rs.getString(7))
                                + ") was revoked by " + rs.getString(6) + " at " + rs.getTimestamp(5).toInstant()
                                + ": ask an admin for a new one with 'paas formations:token " + rs.getString(3)
                                + " --layer " + rs.getString(4) + "'."), rs.getBoolean(8)),
                TOUCH_EVERY, key);
        if (found.isEmpty()) {
            return Presented.refused("Invalid join token: ask an admin for one with"
                    + " 'paas formations:token FORMATION --layer runtime' (or --layer proxy for a router).");
        }
        Row row = found.get(0);
        if (touch && row.presented().grant().isPresent() && row.usedLongAgo()) {
            jdbc.update("UPDATE join_tokens SET last_used_at = now() WHERE id = ?", row.id());
        }
        return row.presented();
    }

    /** The tokens not revoked, of one formation or (null) all, oldest first. */
    List<JoinTokenInfo> list(String formation) {
        if (formation != null && formations.idOf(formation).isEmpty()) {
            throw ApiException.notFound("Unknown formation '" + formation + "': 'paas formations' lists them.");
        }
        return jdbc.query("""
                SELECT t.id, t.token_prefix, f.name, t.layer, t.created_by, t.created_at, t.last_used_at
                FROM join_tokens t JOIN formations f ON f.id = t.formation_id
                WHERE t.revoked_at IS NULL AND (CAST(? AS TEXT) IS NULL OR f.name = ?) ORDER BY t.id""",
                (rs, i) -> new JoinTokenInfo(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), instant(rs, 6), instant(rs, 7)), formation, formation);
    }

    /** Runs {@code listener} after each revocation (what keeps a node's identity in memory forgets it then). */
    public void onRevocation(Runnable listener) {
        revocationListeners.add(listener);
    }

    /** Revokes a token: from now on whoever presents it is refused with a 401 saying so. */
    JoinTokenInfo revoke(long id, String revokedBy) {
        List<JoinTokenInfo> token = jdbc.query("""
                UPDATE join_tokens t SET revoked_at = now(), revoked_by = ?
                FROM formations f WHERE f.id = t.formation_id AND t.id = ? AND t.revoked_at IS NULL
                RETURNING t.id, t.token_prefix, f.name, t.layer, t.created_by, t.created_at, t.last_used_at""",
                (rs, i) -> new JoinTokenInfo(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), instant(rs, 6), instant(rs, 7)), revokedBy, id);
        if (token.isEmpty()) {
            throw ApiException.notFound("No join token " + id + " to revoke: 'paas formations:tokens' lists them.");
        }
        revocationListeners.forEach(Runnable::run);
        return token.get(0);
    }

    private static String label(String prefix) {
        return prefix == null ? "made before prefixes were kept" : prefix + "...";
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp time = rs.getTimestamp(column);
        return time == null ? null : time.toInstant();
    }
}
