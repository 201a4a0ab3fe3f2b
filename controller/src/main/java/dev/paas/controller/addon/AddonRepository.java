package dev.paas.controller.addon;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import jakarta.persistence.LockModeType;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface AddonRepository extends JpaRepository<Addon, Long> {

    Optional<Addon> findByNameAndDestroyedAtIsNull(String name);

    boolean existsByName(String name);

    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("SELECT a FROM Addon a WHERE a.name = :name AND a.destroyedAt IS NULL")
    Optional<Addon> lockByName(@Param("name") String name);

    List<Addon> findByNodeIdAndDestroyedAtIsNullOrderByName(Long nodeId);

    List<Addon> findByNodeIdInAndDestroyedAtIsNullOrderByName(Collection<Long> nodeIds);

    /** Destroyed add-ons on these nodes that may still hold their volume. */
    @Query("SELECT a FROM Addon a WHERE a.nodeId IN :nodes AND a.destroyedAt > :since ORDER BY a.name")
    List<Addon> discardedOnAny(@Param("nodes") Collection<Long> nodeIds, @Param("since") Instant since);

    /** Destroyed add-ons whose node may still hold their volume. */
    @Query("SELECT a.name FROM Addon a WHERE a.nodeId = :node AND a.destroyedAt > :since ORDER BY a.name")
    List<String> discardedOn(@Param("node") Long nodeId, @Param("since") Instant since);

    @Query("SELECT a.nodeId, count(a) FROM Addon a WHERE a.destroyedAt IS NULL AND a.nodeId IS NOT NULL"
            + " GROUP BY a.nodeId")
    List<Object[]> countsByNode();

    List<Addon> findByOwnerIdAndDestroyedAtIsNullOrderByName(Long ownerId);

    List<Addon> findByNodeIdIsNotNullAndDestroyedAtIsNull();

    List<Addon> findByIdIn(List<Long> ids);

    List<Addon> findByBackupAtIsNotNullAndDestroyedAtIsNull();

    @Query("SELECT a.port FROM Addon a WHERE a.destroyedAt IS NULL AND a.port IS NOT NULL")
    List<Integer> livePorts();
}
