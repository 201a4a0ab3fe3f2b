package dev.paas.controller.key;

import java.time.Instant;

import dev.paas.controller.user.User;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

@Entity
@Table(name = "ssh_keys")
public class SshKey {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @ManyToOne(fetch = FetchType.EAGER)
    @JoinColumn(name = "user_id")
    private User user;
    private String fingerprint;
    private String publicKey;
    private String comment;
    private Instant createdAt = Instant.now();

    protected SshKey() {
    }

    SshKey(User user, String fingerprint, String publicKey, String comment) {
        this.user = user;
        this.fingerprint = fingerprint;
        this.publicKey = publicKey;
        this.comment = comment;
    }

    public User getUser() {
        return user;
    }

    String getFingerprint() {
        return fingerprint;
    }

    String getComment() {
        return comment;
    }

    Instant getCreatedAt() {
        return createdAt;
    }
}
