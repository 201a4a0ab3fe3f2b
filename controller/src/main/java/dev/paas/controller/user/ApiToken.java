package dev.paas.controller.user;

import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

@Entity
@Table(name = "api_tokens")
class ApiToken {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @ManyToOne(fetch = FetchType.EAGER)
    @JoinColumn(name = "user_id")
    private User user;
    private String tokenHash;
    private Instant createdAt = Instant.now();
    private Instant lastUsedAt = Instant.now();

    protected ApiToken() {
    }

    ApiToken(User user, String tokenHash) {
        this.user = user;
        this.tokenHash = tokenHash;
    }

    User getUser() {
        return user;
    }

    Instant getLastUsedAt() {
        return lastUsedAt;
    }

    void usedAt(Instant when) {
        lastUsedAt = when;
    }
}
