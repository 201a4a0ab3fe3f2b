package dev.paas.controller.node;

import jakarta.persistence.LockModeType;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;
import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

public interface NodeRepository extends JpaRepository<Node, Long> {

    Optional<Node> findByName(String name);

    List<Node> findByNameIn(java.util.Collection<String> names);

    /** The node's row locked until the transaction ends: two registrations of one name take turns. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("SELECT n FROM Node n WHERE n.name = :name")
    Optional<Node> lockByName(@Param("name") String name);

    List<Node> findByFormationIdAndLayerOrderByName(Long formationId, String layer);
}
