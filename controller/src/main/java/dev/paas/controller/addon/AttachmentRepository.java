package dev.paas.controller.addon;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

interface AttachmentRepository extends JpaRepository<Attachment, Long> {

    List<Attachment> findByAppIdOrderByVarName(Long appId);

    List<Attachment> findByAddonIdOrderById(Long addonId);

    Optional<Attachment> findByAddonIdAndAppId(Long addonId, Long appId);

    List<Attachment> findByAppIdIn(Collection<Long> appIds);
}
