package dev.paas.controller.schedule;

import java.util.List;

import org.springframework.data.jpa.repository.EntityGraph;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface ContainerRepository extends JpaRepository<Container, Long> {

    /**
     * A node's containers with their release, build and node in one query: every desired-state answer and every
     * report reads them, and eager associations would otherwise cost a query each.
     */
    @EntityGraph(attributePaths = {"release", "release.build", "node"})
    List<Container> findByNodeIdOrderByName(Long nodeId);

    /** The containers of several nodes in one query: one pass of the desired-state long polls reads them. */
    @EntityGraph(attributePaths = {"release", "release.build", "node"})
    List<Container> findByNodeIdInOrderByName(java.util.Collection<Long> nodeIds);

    /**
     * An app's containers with their releases, builds and nodes in one query: a deploy's or scale's wait reads them
     * at every change of the feed while it runs.
     */
    @EntityGraph(attributePaths = {"release", "release.build", "node"})
    List<Container> findByAppIdOrderByName(Long appId);

    /** Every container with its release, build and node in one query (the rollout reads them all each pass). */
    @Override
    @EntityGraph(attributePaths = {"release", "release.build", "node"})
    List<Container> findAll();

    List<Container> findAllByOrderByName();

    /**
     * Every node's containers counted, with the sum of their memory limits ({@code fallbackMb} for those placed
     * before limits were stored): what placement needs of them, without loading a row each (a JPQL query, so the
     * containers this transaction placed so far are flushed first and counted).
     */
    @Query("SELECT c.node.name AS node, count(c) AS containers, sum(coalesce(c.memoryMb, :fallbackMb)) AS memoryMb"
            + " FROM Container c GROUP BY c.node.name")
    List<NodeUse> useByNode(@Param("fallbackMb") int fallbackMb);

    /** One node's share in {@link #useByNode}. */
    interface NodeUse {
        String getNode();

        long getContainers();

        long getMemoryMb();
    }

    /** The containers whose replacement is placed: those a drain or a restart does not move again. */
    @Query("SELECT c.replacesId FROM Container c WHERE c.replacesId IS NOT NULL")
    java.util.Set<Long> replacedIds();

    /** The containers on nodes last heard from at or before {@code since}, with their release, build and node. */
    @EntityGraph(attributePaths = {"release", "release.build", "node"})
    @Query("SELECT c FROM Container c WHERE c.node.lastHeartbeat <= :since")
    List<Container> findOnNodesSilentSince(@Param("since") java.time.Instant since);
}
