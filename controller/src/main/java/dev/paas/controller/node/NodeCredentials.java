package dev.paas.controller.node;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import dev.paas.controller.formation.JoinTokens;
import dev.paas.controller.user.TokenService;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The credential each node gets at registration in exchange for its join token (or the cluster's node token): random,
 * shown once, stored as its SHA-256 on the node's row, and speaking only for that node (see {@code web.AuthFilter}).
 * A new registration of the node replaces it. It stays tied to the join token it came from: once that token is
 * revoked the credential is refused with the token's revocation message.
 *
 * <p>Every request of every node presents its credential, so the identities found are kept in memory (a lookup per
 * request was most of the database's work at 1,000 nodes). Only identities are kept, never refusals: an unknown or
 * refused credential is looked up again each time. Each kept identity carries the {@link #epoch} it was read at, and
 * anything that can take a credential's power away (a registration, which replaces the node's credential; a join
 * token's revocation) moves the epoch on once it has committed, so every identity read before is looked up again at
 * its next use: revocation takes effect at once. A kept identity also expires after {@code paas.node-credential-cache}
 * (30 s), the bound for changes this controller is not told of.
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

    /** Beyond this many kept identities all are dropped: forgetting only costs a lookup each. */
    static final int MAX_KEPT = 20_000;

    /** An identity found for a credential's hash, at an epoch and a time. */
    private record Kept(byte[] hash, Identity identity, long epoch, long keptAtNanos) {
    }

    private final JdbcTemplate jdbc;
    private final JoinTokens joinTokens;
    private final SecureRandom random = new SecureRandom();
    private final long keepNanos;
    private final AtomicLong epoch = new AtomicLong();
    private final Map<String, Kept> kept = new ConcurrentHashMap<>();
    /** Tells the other controllers, once a forgetting change has committed (cluster.ClusterFeed). */
    private volatile Runnable relay = () -> { };

    NodeCredentials(JdbcTemplate jdbc, JoinTokens joinTokens,
                    @Value("${paas.node-credential-cache:30s}") Duration keep) {
        this.jdbc = jdbc;
        this.joinTokens = joinTokens;
        this.keepNanos = keep.toNanos();
        joinTokens.onRevocation(this::forgetAll);
    }

    /**
     * Every identity kept so far is looked up again at its next use (after the current transaction commits, if
     * there is one: a lookup in between would still read the old row and keep it).
     */
    public void forgetAll() {
        epoch.incrementAndGet();
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    forgetHere();
                    relay.run();
                }
            });
        } else {
            kept.clear();
            relay.run();
        }
    }

    /** What another controller's {@link #forgetAll} does here: nothing kept so far is believed again. */
    public void forgetHere() {
        epoch.incrementAndGet();
        kept.clear();
    }

    /** {@code relay} runs after each {@link #forgetAll}, once its change has committed. */
    public void relayTo(Runnable relay) {
        this.relay = relay;
    }

    /** A new credential; the caller stores its {@link TokenService#sha256 hash} on the node. */
    String generate() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public Presented find(String credential) {
        String hash = TokenService.sha256(credential);
        byte[] hashBytes = hash.getBytes(StandardCharsets.US_ASCII);
        Kept known = kept.get(hash);
        // The map is keyed by the hash, so a hit already matched it; the constant-time comparison says so plainly.
        if (known != null && known.epoch() == epoch.get() && System.nanoTime() - known.keptAtNanos() < keepNanos
                && MessageDigest.isEqual(known.hash(), hashBytes)) {
            return new Presented(Optional.of(known.identity()), null);
        }
        long readAt = epoch.get();
        long now = System.nanoTime();
        Presented presented = lookUp(hash);
        if (presented.identity().isPresent()) {
            if (kept.size() >= MAX_KEPT) {
                kept.clear();
            }
            kept.put(hash, new Kept(hashBytes, presented.identity().get(), readAt, now));
        } else {
            kept.remove(hash);
        }
        return presented;
    }

    private Presented lookUp(String hash) {
        record Row(String node, String layer, Long joinTokenId) {
        }
        List<Row> found = jdbc.query("SELECT name, layer, join_token_id FROM nodes WHERE credential_hash = ?",
                (rs, i) -> new Row(rs.getString(1), rs.getString(2), (Long) rs.getObject(3)),
                hash);
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
