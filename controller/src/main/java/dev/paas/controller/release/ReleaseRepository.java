package dev.paas.controller.release;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface ReleaseRepository extends JpaRepository<Release, Long> {

    /** The newest release, whatever its status: the next version follows it. */
    Optional<Release> findFirstByAppIdOrderByVersionDesc(Long appId);

    /** The release that serves, or is rolling out to serve: see {@link Release#CURRENT_SQL}. */
    @Query(nativeQuery = true, value = "SELECT r.* FROM releases r WHERE r.app_id = :appId AND " + Release.CURRENT_SQL)
    Optional<Release> current(@Param("appId") Long appId);

    /** The release that becomes current if every release from {@code version} on fails. */
    @Query(nativeQuery = true, value = "SELECT r.* FROM releases r WHERE r.app_id = :appId AND r.version < :version AND "
            + Release.CURRENT_SQL)
    Optional<Release> currentBefore(@Param("appId") Long appId, @Param("version") int version);

    /** The newest release that has served, for a change whose own release a newer one replaced. */
    Optional<Release> findFirstByAppIdAndStatusOrderByVersionDesc(Long appId, Release.Status status);

    List<Release> findByAppIdAndStatus(Long appId, Release.Status status);

    List<Release> findByStatus(Release.Status status);

    List<Release> findByAppIdOrderByVersionDesc(Long appId);

    Optional<Release> findByAppIdAndVersion(Long appId, int version);
}
