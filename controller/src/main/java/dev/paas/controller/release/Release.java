package dev.paas.controller.release;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.paas.controller.build.Build;
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

/**
 * Its build and config never change once stored; only the rollout's outcome does: deploying, then
 * succeeded (it served and replaced the previous release) or failed (with the reason).
 */
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
    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    private Status status = Status.deploying;
    private String failure;

    public enum Status { deploying, succeeded, failed }

    /**
     * The "current release" rule in SQL, the only definition of it: the newest release that has not failed (a failed
     * release leaves the one before it current). It follows {@code WHERE r.app_id = ... AND } for a {@code releases r};
     * {@link ReleaseRepository#current} and the route table's statement both use it.
     */
    public static final String CURRENT_SQL = "r.status <> 'failed' ORDER BY r.version DESC LIMIT 1";

    private static final Pattern REPLACED =
            Pattern.compile("v\\d+ was replaced by v(\\d+) before it served");

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

    public String getSummary() {
        return summary;
    }

    public String getCreatedBy() {
        return createdBy;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Status getStatus() {
        return status;
    }

    /** Why the rollout failed, or null. */
    public String getFailure() {
        return failure;
    }

    public void succeeded() {
        this.status = Status.succeeded;
    }

    /** Failed because a newer release served before this one did (what that one carries is told by its config). */
    public void replacedBy(int version) {
        failed("v" + this.version + " was replaced by v" + version + " before it served");
    }

    /** The version of the release that served before this one did, if that is why it failed. */
    public OptionalInt replacedBy() {
        Matcher m = failure == null ? null : REPLACED.matcher(failure);
        return m != null && m.matches() ? OptionalInt.of(Integer.parseInt(m.group(1)))
                : OptionalInt.empty();
    }

    public void failed(String reason) {
        this.status = Status.failed;
        this.failure = reason;
    }
}
