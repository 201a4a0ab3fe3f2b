package dev.paas.controller.release;

import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

public interface ReleaseRepository extends JpaRepository<Release, Long> {

    /** The current release is the newest one. */
    Optional<Release> findFirstByAppIdOrderByVersionDesc(Long appId);
}
