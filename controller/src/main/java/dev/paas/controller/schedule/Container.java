package dev.paas.controller.schedule;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.paas.api.DesiredContainer;
import dev.paas.api.ProcessCommand;
import dev.paas.controller.limits.ProcessLimits;
import dev.paas.controller.node.Node;
import dev.paas.controller.release.Release;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

/** A container that should run: the row exists while it is desired; observed fields come from its node. */
@Entity
// Only changed columns are written: heartbeats and observed states race with drains and retirements,
// which change other columns of the same row.
@org.hibernate.annotations.DynamicUpdate
@Table(name = "containers")
public class Container {

    public static final String PENDING = "pending";

    /** A rollout inserts a container per node: ids in blocks (V37) let those inserts go in JDBC batches. */
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "containers_id")
    @SequenceGenerator(name = "containers_id", sequenceName = "containers_id_seq", allocationSize = 50)
    private Long id;
    private String name;
    private Long appId;
    private String appName;
    @ManyToOne(fetch = FetchType.EAGER)
    @JoinColumn(name = "release_id")
    private Release release;
    private String processType;
    @Column(name = "idx")
    private int index;
    @ManyToOne(fetch = FetchType.EAGER)
    @JoinColumn(name = "node_id")
    private Node node;
    private String observedState = PENDING;
    private Integer hostPort;
    /** Its address on its node's apps network (ReportCheck accepts only a plain unicast IPv4 address), or null. */
    private String ip;
    private String dockerId;
    private Instant createdAt = Instant.now();
    private Instant stateSince = Instant.now();
    private Long retiringSince;
    private Long replacesId;
    /** What it was given; null for containers placed before limits were stored (the platform default, no CPU limit). */
    private Integer memoryMb;
    private Integer cpuMillis;
    private String lastExit;
    private Instant lastExitAt;

    protected Container() {
    }

    Container(String appName, Release release, String processType, int index, Node node, ProcessLimits limits) {
        this.memoryMb = limits.memoryMb();
        this.cpuMillis = limits.cpuMillis();
        this.name = nameFor(appName, release.getVersion(), processType, index);
        this.appId = release.getAppId();
        this.appName = appName;
        this.release = release;
        this.processType = processType;
        this.index = index;
        this.node = node;
    }

    /**
     * A container that takes over from {@code old} on another node; its name differs, so both can run at once.
     *
     * @param limits what it is given: the old one's when it only moves, the type's current ones when it restarts
     */
    Container(Container old, Node node, String suffix, ProcessLimits limits) {
        this(old.appName, old.release, old.processType, old.index, node, limits);
        this.name = nameFor(appName, release.getVersion(), processType, index) + "-" + suffix;
        this.replacesId = old.id;
    }

    /** Unique across the platform: {@code hello.v3.web.1}. */
    static String nameFor(String app, int version, String processType, int index) {
        return app + ".v" + version + "." + processType + "." + index;
    }

    public DesiredContainer desired() {
        return desired(null, 0);
    }

    /**
     * @param healthCheck     the HTTP check of its process type, or null
     * @param defaultMemoryMb its memory limit if it was placed before limits were stored
     */
    public DesiredContainer desired(dev.paas.api.HealthCheck healthCheck, int defaultMemoryMb) {
        Map<String, String> env = new LinkedHashMap<>(release.getConfig());
        int port = release.getBuild().getPort();
        env.put("PORT", Integer.toString(port));
        env.put("PAAS_APP", appName);
        env.put("PAAS_RELEASE", "v" + release.getVersion());
        env.put("PAAS_PROCESS", processType + "." + index);
        String command = release.getBuild().getProcessTypes().get(processType);
        return new DesiredContainer(name, appName, release.getVersion(), processType, index,
                release.getBuild().getImage(), ProcessCommand.argv(command), env, port, healthCheck,
                memoryMb == null ? defaultMemoryMb : memoryMb, cpuMillis == null ? 0 : cpuMillis);
    }

    public void observe(String state, Integer hostPort, String ip, String dockerId) {
        if (!state.equals(observedState)) {
            this.stateSince = Instant.now();
        }
        this.observedState = state;
        this.hostPort = hostPort;
        this.ip = ip;
        this.dockerId = dockerId;
    }

    /**
     * Records an exit its node reported, once per exit: answers whether it is new (a line for the app's log).
     *
     * @param at when it exited, which tells one exit from the next
     */
    public boolean exited(String reason, Instant reported) {
        if (reason == null || reported == null) {
            return false;
        }
        // Docker's times have nanoseconds, PostgreSQL keeps microseconds: compared as stored, or every report of
        // the same exit would look new once the row is read again.
        Instant at = reported.truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        if (at.equals(lastExitAt == null ? null : lastExitAt.truncatedTo(java.time.temporal.ChronoUnit.MILLIS))) {
            return false;
        }
        this.lastExit = reason;
        this.lastExitAt = at;
        return true;
    }

    public String getLastExit() {
        return lastExit;
    }

    public Instant getLastExitAt() {
        return lastExitAt;
    }

    /** Its memory limit, or {@code fallback} if it was placed before limits were stored. */
    public int memoryMb(int fallback) {
        return memoryMb == null ? fallback : memoryMb;
    }

    public int cpuMillis() {
        return cpuMillis == null ? 0 : cpuMillis;
    }

    public ProcessLimits limits(int fallbackMemoryMb) {
        return new ProcessLimits(memoryMb(fallbackMemoryMb), cpuMillis());
    }

    public boolean isUp() {
        return up(observedState, hostPort);
    }

    /**
     * The "container is up" rule, the only definition of it (the route table applies it to the columns it reads):
     * reported up, with the host port it was reported on.
     */
    public static boolean up(String observedState, Integer hostPort) {
        return "up".equals(observedState) && hostPort != null;
    }

    public String getName() {
        return name;
    }

    public Long getAppId() {
        return appId;
    }

    public Release getRelease() {
        return release;
    }

    public String getProcessType() {
        return processType;
    }

    public int getIndex() {
        return index;
    }

    public Node getNode() {
        return node;
    }

    public String getIp() {
        return ip;
    }

    public String getObservedState() {
        return observedState;
    }

    public Integer getHostPort() {
        return hostPort;
    }

    /** When the container entered its observed state: for an up container, how long it has served. */
    public Instant getStateSince() {
        return stateSince;
    }

    public Long getId() {
        return id;
    }

    /** Takes it out of the route table from feed version {@code version} on; it stops once routers agree. */
    void retire(long version) {
        if (retiringSince == null) {
            retiringSince = version;
        }
    }

    void keep() {
        retiringSince = null;
    }

    public boolean isRetiring() {
        return retiringSince != null;
    }

    Long getRetiringSince() {
        return retiringSince;
    }

    public Long getReplacesId() {
        return replacesId;
    }

    void tookOver() {
        replacesId = null;
    }
}
