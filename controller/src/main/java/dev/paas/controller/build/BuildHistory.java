package dev.paas.controller.build;

import java.util.List;
import java.util.Optional;

import org.springframework.data.repository.Repository;

/** Read access to an app's builds, newest first. */
public interface BuildHistory extends Repository<Build, Long> {

    List<Build> findByAppIdOrderByIdDesc(Long appId);

    Optional<Build> findByIdAndAppId(Long id, Long appId);

    boolean existsByAppIdAndStatus(Long appId, Build.Status status);
}
