package dev.paas.controller.addon;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

interface BackupRepository extends JpaRepository<Backup, Long> {

    List<Backup> findByAddonIdOrderByIdDesc(Long addonId);
}
