package dev.paas.controller.access;

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

/** A user who may work on an app they do not own. */
@Entity
@Table(name = "app_collaborators")
class Collaborator {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    private Long appId;
    @ManyToOne(fetch = FetchType.EAGER)
    @JoinColumn(name = "user_id")
    private User user;
    private String addedBy;
    private Instant createdAt = Instant.now();

    protected Collaborator() {
    }

    Collaborator(Long appId, User user, String addedBy) {
        this.appId = appId;
        this.user = user;
        this.addedBy = addedBy;
    }

    User getUser() {
        return user;
    }

    Instant getCreatedAt() {
        return createdAt;
    }
}
