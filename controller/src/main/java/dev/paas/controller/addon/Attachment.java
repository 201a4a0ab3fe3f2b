package dev.paas.controller.addon;

import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An add-on attached to an app as one config var (e.g. DATABASE_URL). */
@Entity
@Table(name = "addon_attachments")
public class Attachment {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    private Long addonId;
    private Long appId;
    private String varName;
    private Instant createdAt = Instant.now();

    protected Attachment() {
    }

    Attachment(Long addonId, Long appId, String varName) {
        this.addonId = addonId;
        this.appId = appId;
        this.varName = varName;
    }

    public Long getAddonId() {
        return addonId;
    }

    public Long getAppId() {
        return appId;
    }

    public String getVarName() {
        return varName;
    }
}
