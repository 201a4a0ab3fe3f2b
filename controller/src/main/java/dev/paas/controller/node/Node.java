package dev.paas.controller.node;

import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
// Only changed columns are written: heartbeats and observed states race with drains and retirements,
// which change other columns of the same row.
@org.hibernate.annotations.DynamicUpdate
@Table(name = "nodes")
public class Node {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    private String name;
    private Long formationId;
    private String layer;
    private String address;
    private int capacityMb;
    /** The CPUs it offers, in thousandths; 0 when its agent did not say. */
    private int cpuMillis;
    private Instant lastHeartbeat = Instant.now();
    private boolean drained;
    private String credentialHash;
    private Long joinTokenId;
    private int firstPort = 20000;
    private int lastPort = 20999;
    /** Its api.NetworkHost, or null when its agent did not say: routers on the same one reach its bridge addresses. */
    private String networkHost;

    protected Node() {
    }

    Node(String name) {
        this.name = name;
    }

    void register(Long formationId, String layer, String address, int capacityMb, int cpuMillis, int firstPort,
                  int lastPort, String networkHost) {
        this.networkHost = networkHost;
        this.cpuMillis = cpuMillis;
        this.formationId = formationId;
        this.layer = layer;
        this.address = address;
        this.capacityMb = capacityMb;
        this.firstPort = firstPort;
        this.lastPort = lastPort;
        this.lastHeartbeat = Instant.now();
    }

    /** A new credential, replacing the one of the node's last registration. */
    void credential(String hash, Long joinTokenId) {
        this.credentialHash = hash;
        this.joinTokenId = joinTokenId;
    }

    boolean hasCredential() {
        return credentialHash != null;
    }

    /** Reported (or registered) less than {@code silence} ago. */
    boolean heardFromWithin(java.time.Duration silence) {
        return lastHeartbeat.isAfter(Instant.now().minus(silence));
    }

    public Long getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    /** Its api.NetworkHost, or null. */
    public String getNetworkHost() {
        return networkHost;
    }

    public String getAddress() {
        return address;
    }

    public Instant getLastHeartbeat() {
        return lastHeartbeat;
    }

    public Long getFormationId() {
        return formationId;
    }

    public String getLayer() {
        return layer;
    }

    public int getCapacityMb() {
        return capacityMb;
    }

    public int getCpuMillis() {
        return cpuMillis;
    }

    public int getFirstPort() {
        return firstPort;
    }

    public int getLastPort() {
        return lastPort;
    }

    public boolean isDrained() {
        return drained;
    }

    /** Takes no new containers from now on, until an admin puts it back in service. */
    public void drain() {
        drained = true;
    }
}
