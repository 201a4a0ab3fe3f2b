package dev.paas.controller.cert;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The stored certificates and HTTPS settings; plain SQL. Private keys go in and out only through {@link KeyCipher}:
 * the rows hold them encrypted, and nothing here reads a key except {@link #material}, the routers' read.
 */
@Repository
public class CertStore {

    private static final String COLUMNS = "app_id, domain, names, fingerprint, chain, subject, issuer, chain_subjects,"
            + " not_before, not_after, source, added_by, added_at";

    /** A stored certificate without its key. {@code appId} null: the platform's. */
    public record Stored(Long appId, String domain, List<String> names, String fingerprint, String chain,
                         String subject, String issuer, List<String> chainSubjects, Instant notBefore,
                         Instant notAfter, String source, String addedBy, Instant addedAt) {
    }

    /** An app's HTTPS settings. */
    public record Https(boolean redirect, boolean hsts) {
        public static final Https OFF = new Https(false, false);
    }

    private final JdbcTemplate jdbc;
    private final KeyCipher cipher;

    CertStore(JdbcTemplate jdbc, KeyCipher cipher) {
        this.jdbc = jdbc;
        this.cipher = cipher;
    }

    /** Replaces the certificate of (app, domain), if any; the key is encrypted before it is written. */
    @Transactional
    public void save(Long appId, String domain, CertificateCheck.Checked cert, String source, String addedBy) {
        byte[] key = cipher.encrypt(cert.keyPem(), cert.fingerprint());
        jdbc.update("DELETE FROM certificates WHERE app_id IS NOT DISTINCT FROM ? AND domain IS NOT DISTINCT FROM ?",
                appId, domain);
        jdbc.update("INSERT INTO certificates (app_id, domain, names, fingerprint, chain, private_key, subject, issuer,"
                        + " chain_subjects, not_before, not_after, source, added_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                appId, domain, String.join(" ", cert.names()), cert.fingerprint(), cert.chainPem(), key, cert.subject(),
                cert.issuer(), String.join("\n", cert.chain()), Timestamp.from(cert.notBefore()),
                Timestamp.from(cert.notAfter()), source, addedBy);
    }

    public boolean remove(Long appId, String domain) {
        return jdbc.update("DELETE FROM certificates WHERE app_id IS NOT DISTINCT FROM ? AND domain IS NOT DISTINCT FROM ?",
                appId, domain) > 0;
    }

    /** The app's certificates (the app's own first, then by domain). */
    public List<Stored> forApp(long appId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM certificates WHERE app_id = ? ORDER BY domain NULLS FIRST",
                CertStore::stored, appId);
    }

    public Optional<Stored> platform() {
        return jdbc.query("SELECT " + COLUMNS + " FROM certificates WHERE app_id IS NULL", CertStore::stored)
                .stream().findFirst();
    }

    /**
     * Every app's certificates by app id as the route table needs them: no chain, no key (the table is read for
     * every router after every change).
     */
    public Map<Long, List<TlsAssignment.Candidate>> all() {
        Map<Long, List<TlsAssignment.Candidate>> all = new HashMap<>();
        jdbc.query("SELECT app_id, domain, fingerprint, names FROM certificates WHERE app_id IS NOT NULL"
                        + " ORDER BY app_id, domain NULLS FIRST",
                rs -> {
                    all.computeIfAbsent(rs.getLong(1), id -> new ArrayList<>()).add(new TlsAssignment.Candidate(
                            rs.getString(2), rs.getString(3), Arrays.asList(rs.getString(4).split(" "))));
                });
        return all;
    }

    /** The platform certificate's fingerprint, if there is one. */
    public Optional<String> platformFingerprint() {
        return jdbc.queryForList("SELECT fingerprint FROM certificates WHERE app_id IS NULL", String.class).stream()
                .findFirst();
    }

    /**
     * The chain and decrypted key of a certificate with this fingerprint that the platform holds, or of one of the
     * apps of {@code formationId} (null: of any app).
     */
    public Optional<Material> material(String fingerprint, Long formationId) {
        return jdbc.query("SELECT c.chain, c.private_key FROM certificates c LEFT JOIN apps a ON a.id = c.app_id"
                        + " WHERE c.fingerprint = ? AND (c.app_id IS NULL OR ?::bigint IS NULL OR a.formation_id = ?)"
                        + " ORDER BY c.id LIMIT 1",
                (rs, n) -> new Material(rs.getString(1), cipher.decrypt(rs.getBytes(2), fingerprint)),
                fingerprint, formationId, formationId).stream().findFirst();
    }

    /** A chain and its key in clear: only for a router, never for a user. */
    public record Material(String chain, String keyPem) {
        @Override
        public String toString() {
            return "Material[chain]";
        }
    }

    public Https https(long appId) {
        return jdbc.query("SELECT redirect, hsts FROM app_https WHERE app_id = ?",
                rs -> rs.next() ? new Https(rs.getBoolean(1), rs.getBoolean(2)) : Https.OFF, appId);
    }

    public Map<Long, Https> allHttps() {
        Map<Long, Https> all = new HashMap<>();
        jdbc.query("SELECT app_id, redirect, hsts FROM app_https",
                rs -> {
                    all.put(rs.getLong(1), new Https(rs.getBoolean(2), rs.getBoolean(3)));
                });
        return all;
    }

    public void saveHttps(long appId, Https https) {
        jdbc.update("INSERT INTO app_https (app_id, redirect, hsts) VALUES (?, ?, ?) ON CONFLICT (app_id) DO UPDATE"
                + " SET redirect = EXCLUDED.redirect, hsts = EXCLUDED.hsts, updated_at = now()",
                appId, https.redirect(), https.hsts());
    }

    private static Stored stored(ResultSet rs, int row) throws SQLException {
        return new Stored(rs.getObject("app_id", Long.class), rs.getString("domain"),
                Arrays.asList(rs.getString("names").split(" ")), rs.getString("fingerprint"), rs.getString("chain"),
                rs.getString("subject"), rs.getString("issuer"), Arrays.asList(rs.getString("chain_subjects").split("\n")),
                rs.getTimestamp("not_before").toInstant(), rs.getTimestamp("not_after").toInstant(),
                rs.getString("source"), rs.getString("added_by"), rs.getTimestamp("added_at").toInstant());
    }
}
