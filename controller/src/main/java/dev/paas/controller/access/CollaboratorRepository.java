package dev.paas.controller.access;

import java.util.List;
import java.util.Optional;

import dev.paas.controller.app.App;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface CollaboratorRepository extends JpaRepository<Collaborator, Long> {

    boolean existsByAppIdAndUserId(Long appId, Long userId);

    Optional<Collaborator> findByAppIdAndUserId(Long appId, Long userId);

    List<Collaborator> findByAppIdOrderByUserUsername(Long appId);

    /** The apps a user owns or collaborates on, by name. */
    @Query("select a from App a where a.owner.id = :userId"
            + " or a.id in (select c.appId from Collaborator c where c.user.id = :userId) order by a.name")
    List<App> appsOf(Long userId);
}
