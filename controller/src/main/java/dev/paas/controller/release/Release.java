package dev.paas.controller.release;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.paas.controller.store.JsonColumns;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

/** Immutable once stored: no setters. */
@Entity
@Table(name = "releases")
public class Release {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    private Long appId;
    private int version;
    @ManyToOne(fetch = FetchType.EAGER)
    @JoinColumn(name = "build_id")
    private Build build;
    @Convert(converter = JsonColumns.StringMap.class)
    private Map<String, String> config = new LinkedHashMap<>();
    private String summary;
    private String createdBy;
    private Instant createdAt = Instant.now();

    protected Release() {
    }

    public Release(Long appId, int version, Build build, Map<String, String> config, String summary, String createdBy) {
        this.appId = appId;
        this.version = version;
        this.build = build;
        this.config = new LinkedHashMap<>(config);
        this.summary = summary;
        this.createdBy = createdBy;
    }

    public Long getId() {
        return id;
    }

    public Long getAppId() {
        return appId;
    }

    public int getVersion() {
        return version;
    }

    public Build getBuild() {
        return build;
    }

    public Map<String, String> getConfig() {
        return Map.copyOf(config);
    }
}
