package dev.paas.controller.app;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.paas.controller.store.JsonColumns;
import dev.paas.controller.user.User;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

@Entity
@Table(name = "apps")
public class App {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    private String name;
    @ManyToOne(fetch = FetchType.EAGER)
    @JoinColumn(name = "owner_id")
    private User owner;
    private Long formationId;
    @Convert(converter = JsonColumns.IntMap.class)
    private Map<String, Integer> structure = new LinkedHashMap<>();
    @Convert(converter = JsonColumns.StringMap.class)
    private Map<String, String> config = new LinkedHashMap<>();
    private Instant createdAt = Instant.now();
    /** Process type to the memory limit its owner set, in MB; types without one get the formation's default. */
    @Convert(converter = JsonColumns.IntMap.class)
    private Map<String, Integer> memoryLimits = new LinkedHashMap<>();
    /** Process type to the CPU limit its owner set, in thousandths of a CPU. */
    @Convert(converter = JsonColumns.IntMap.class)
    private Map<String, Integer> cpuLimits = new LinkedHashMap<>();
    /** The counts {@code ps:stop} put aside, by process type, for {@code ps:start}. */
    @Convert(converter = JsonColumns.IntMap.class)
    private Map<String, Integer> paused = new LinkedHashMap<>();

    protected App() {
    }

    App(String name, User owner, Long formationId) {
        this.name = name;
        this.owner = owner;
        this.formationId = formationId;
    }

    public Long getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public User getOwner() {
        return owner;
    }

    public Long getFormationId() {
        return formationId;
    }

    /** Process type to number of containers, e.g. {web=1}. */
    public Map<String, Integer> getStructure() {
        return Map.copyOf(structure);
    }

    public void setStructure(Map<String, Integer> structure) {
        this.structure = new LinkedHashMap<>(structure);
    }

    public Map<String, String> getConfig() {
        return Map.copyOf(config);
    }

    /** The config the next release starts from; changed only together with a new release. */
    public void setConfig(Map<String, String> config) {
        this.config = new LinkedHashMap<>(config);
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Map<String, Integer> getMemoryLimits() {
        return Map.copyOf(memoryLimits);
    }

    public Map<String, Integer> getCpuLimits() {
        return Map.copyOf(cpuLimits);
    }

    /** Changed only through the one change path, with a restart of the types whose limits changed. */
    public void setLimits(Map<String, Integer> memoryLimits, Map<String, Integer> cpuLimits) {
        this.memoryLimits = new LinkedHashMap<>(memoryLimits);
        this.cpuLimits = new LinkedHashMap<>(cpuLimits);
    }

    public Map<String, Integer> getPaused() {
        return Map.copyOf(paused);
    }

    public void setPaused(Map<String, Integer> paused) {
        this.paused = new LinkedHashMap<>(paused);
    }
}
