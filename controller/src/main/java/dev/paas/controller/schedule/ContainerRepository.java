package dev.paas.controller.schedule;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

public interface ContainerRepository extends JpaRepository<Container, Long> {

    List<Container> findByNodeIdOrderByName(Long nodeId);

    List<Container> findByAppIdOrderByName(Long appId);

    List<Container> findAllByOrderByName();
}
