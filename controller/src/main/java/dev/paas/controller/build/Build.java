package dev.paas.controller.build;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.paas.controller.store.JsonColumns;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "builds")
public class Build {

    public enum Status { building, succeeded, failed }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    private Long appId;
    private String gitSha;
    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    private Status status = Status.building;
    private String image;
    @Convert(converter = JsonColumns.StringMap.class)
    private Map<String, String> processTypes = new LinkedHashMap<>();
    private Integer port;
    // The log column is read and written by BuildLogs, so that loading a build (with every container) skips it.
    private String createdBy;
    private Instant createdAt = Instant.now();
    private Instant finishedAt;
    private String failure;
    /** The id of the controller running it ({@code cluster.ClusterId}), for the leader's {@code OrphanedBuilds}. */
    private String controller;

    protected Build() {
    }

    public Build(Long appId, String gitSha, String createdBy) {
        this.appId = appId;
        this.gitSha = gitSha;
        this.createdBy = createdBy;
    }

    /** A build that the controller of id {@code controller} runs. */
    public Build(Long appId, String gitSha, String createdBy, String controller) {
        this(appId, gitSha, createdBy);
        this.controller = controller;
    }

    public void succeeded(String image, Map<String, String> processTypes, int port) {
        this.status = Status.succeeded;
        this.image = image;
        this.processTypes = new LinkedHashMap<>(processTypes);
        this.port = port;
        this.finishedAt = Instant.now();
    }

    public void failed(String reason) {
        this.status = Status.failed;
        this.failure = reason;
        this.finishedAt = Instant.now();
    }

    public Long getId() {
        return id;
    }

    public Long getAppId() {
        return appId;
    }

    public String getGitSha() {
        return gitSha;
    }

    public Status getStatus() {
        return status;
    }

    public String getCreatedBy() {
        return createdBy;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getFinishedAt() {
        return finishedAt;
    }

    /** Why it failed, or null. */
    public String getFailure() {
        return failure;
    }

    public String getImage() {
        return image;
    }

    public Map<String, String> getProcessTypes() {
        return Map.copyOf(processTypes);
    }

    public int getPort() {
        return port == null ? 5000 : port;
    }
}
