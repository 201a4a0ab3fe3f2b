package dev.paas.controller.node;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

public interface NodeRepository extends JpaRepository<Node, Long> {

    Optional<Node> findByName(String name);

    List<Node> findByFormationIdAndLayerOrderByName(Long formationId, String layer);
}
