package dev.paas.controller.addon;

import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One backup of an add-on: running, then succeeded (with its size) or failed (with its reason). */
@Entity
@Table(name = "addon_backups")
public class Backup {

    static final String RUNNING = "running";
    static final String SUCCEEDED = "succeeded";
    static final String FAILED = "failed";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    private Long addonId;
    private String addonType;
    private String status = RUNNING;
    private String madeBy;
    private boolean scheduled;
    private Long sizeBytes;
    private String failure;
    private Instant startedAt = Instant.now();
    private Instant finishedAt;
    /** The id of the controller taking it ({@code cluster.ClusterId}), for {@link OrphanedBackups}. */
    private String controller;

    protected Backup() {
    }

    Backup(Addon addon, String madeBy, boolean scheduled) {
        this(addon, madeBy, scheduled, null);
    }

    Backup(Addon addon, String madeBy, boolean scheduled, String controller) {
        this.controller = controller;
        this.addonId = addon.getId();
        this.addonType = addon.type().name();
        this.madeBy = madeBy;
        this.scheduled = scheduled;
    }

    void succeeded(long size) {
        status = SUCCEEDED;
        sizeBytes = size;
        finishedAt = Instant.now();
    }

    void failed(String reason) {
        status = FAILED;
        failure = reason.length() > 2000 ? reason.substring(0, 2000) : reason;
        finishedAt = Instant.now();
    }

    public Long getId() {
        return id;
    }

    public Long getAddonId() {
        return addonId;
    }

    public String getAddonType() {
        return addonType;
    }

    public String getStatus() {
        return status;
    }

    public String getMadeBy() {
        return madeBy;
    }

    public boolean isScheduled() {
        return scheduled;
    }

    public Long getSizeBytes() {
        return sizeBytes;
    }

    public String getFailure() {
        return failure;
    }

    public Instant getStartedAt() {
        return startedAt;
    }

    public Instant getFinishedAt() {
        return finishedAt;
    }
}
