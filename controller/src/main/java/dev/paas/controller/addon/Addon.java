package dev.paas.controller.addon;

import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One add-on: its type, plan, node, generated credentials and what its node last saw of its container. */
@Entity
@Table(name = "addons")
public class Addon {

    public static final String PENDING = "pending";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    private String name;
    private String type;
    private String plan;
    private Long ownerId;
    private Long formationId;
    private Long nodeId;
    private String username;
    private String password;
    private String database;
    private String observedState = PENDING;
    private Instant stateSince = Instant.now();
    private Instant destroyedAt;
    private String backupAt;
    private Integer backupKeep;
    private int credentialsGeneration = 1;
    /** Its own port (paas.addons.ports), published on its node's address; null for add-ons made before V35. */
    private Integer port;
    private Instant createdAt = Instant.now();

    protected Addon() {
    }

    Addon(String name, AddonType type, String plan, Long ownerId, Long formationId, Long nodeId,
          AddonType.Credentials credentials, Integer port) {
        this.port = port;
        this.name = name;
        this.type = type.name();
        this.plan = plan;
        this.ownerId = ownerId;
        this.formationId = formationId;
        this.nodeId = nodeId;
        this.username = credentials.username();
        this.password = credentials.password();
        this.database = credentials.database();
    }

    public Long getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public AddonType type() {
        return AddonType.named(type).orElseThrow();
    }

    public String getPlan() {
        return plan;
    }

    public Long getOwnerId() {
        return ownerId;
    }

    public Long getFormationId() {
        return formationId;
    }

    public Long getNodeId() {
        return nodeId;
    }

    public AddonType.Credentials credentials() {
        return new AddonType.Credentials(username, password, database);
    }

    public String getObservedState() {
        return observedState;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public boolean isDestroyed() {
        return destroyedAt != null;
    }

    /**
     * True if the service exited at {@code at} after its last recorded change: its agent restarted it before a
     * report showed it exited. Counts as a change, so one exit is told once.
     */
    boolean exitedUnseen(Instant at) {
        if (at == null || !at.isAfter(stateSince)) {
            return false;
        }
        stateSince = Instant.now();
        return true;
    }

    /** True if the state changed. */
    boolean observe(String state) {
        if (state.equals(observedState)) {
            return false;
        }
        observedState = state;
        stateSince = Instant.now();
        return true;
    }

    public String getBackupAt() {
        return backupAt;
    }

    public Integer getBackupKeep() {
        return backupKeep;
    }

    void schedule(String at, int keep) {
        this.backupAt = at;
        this.backupKeep = keep;
    }

    void destroy() {
        destroyedAt = Instant.now();
    }

    /**
     * Its URL for attached apps: its name and its own port, which on its node resolve to the service on the add-on's
     * network and on other nodes to its node's address, where the service is published at that same port.
     */
    String url() {
        return type().url(name, servicePort(), credentials());
    }

    /** Its own port, or (made before V35) its type's: the one the service listens on. */
    int servicePort() {
        return port != null ? port : type().port();
    }

    /** Published on its node's address at {@link #servicePort()}: reachable from the formation's other nodes. */
    boolean published() {
        return port != null;
    }

    public Integer getPort() {
        return port;
    }

    public int getCredentialsGeneration() {
        return credentialsGeneration;
    }

    /**
     * New password (same user and database), counted as a new generation: that is part of the service container's
     * name, so its node replaces the container and the new one starts with the new password. Pending until seen.
     * An add-on made before V35 gets a port of its own then (its attached apps get the new URL with the password).
     */
    void rotate(String newPassword, Integer newPort) {
        if (port == null) {
            port = newPort;
        }
        password = newPassword;
        credentialsGeneration++;
        observe(PENDING);
    }

    /** The platform name of its service container: {@code addon.NAME}, then {@code addon.NAME.cN} once rotated. */
    String containerName() {
        return containerName(name, credentialsGeneration);
    }

    static String containerName(String addon, int generation) {
        return generation <= 1 ? "addon." + addon : "addon." + addon + ".c" + generation;
    }
}
