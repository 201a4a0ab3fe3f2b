package dev.paas.controller.schedule;

import java.util.List;

import org.springframework.data.jpa.repository.EntityGraph;
import org.springframework.data.jpa.repository.JpaRepository;

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
}
