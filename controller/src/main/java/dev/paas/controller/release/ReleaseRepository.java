package dev.paas.controller.release;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

public interface ReleaseRepository extends JpaRepository<Release, Long> {

    /** The newest release, whatever its status: the next version follows it. */
    Optional<Release> findFirstByAppIdOrderByVersionDesc(Long appId);

    /**
     * The release that serves, or is rolling out to serve: the newest one that has not failed. A failed
     * release leaves the one before it current.
     */
    Optional<Release> findFirstByAppIdAndStatusNotOrderByVersionDesc(Long appId, Release.Status status);

    default Optional<Release> current(Long appId) {
        return findFirstByAppIdAndStatusNotOrderByVersionDesc(appId, Release.Status.failed);
    }

    List<Release> findByStatus(Release.Status status);

    List<Release> findByAppIdOrderByVersionDesc(Long appId);

    Optional<Release> findByAppIdAndVersion(Long appId, int version);
}
