package dev.paas.controller.key;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

public interface SshKeyRepository extends JpaRepository<SshKey, Long> {

    Optional<SshKey> findByFingerprint(String fingerprint);

    List<SshKey> findByUserIdOrderByCreatedAt(Long userId);
}
