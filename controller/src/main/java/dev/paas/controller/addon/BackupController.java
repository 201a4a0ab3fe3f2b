package dev.paas.controller.addon;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.paas.api.BackupSchedule;
import dev.paas.api.BackupView;
import dev.paas.api.RestoreResult;
import dev.paas.controller.web.ApiException;
import dev.paas.controller.web.CurrentUser;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** An add-on's backups: capture, list, restore, download (streamed from the file), schedule. */
@RestController
class BackupController {

    private final AddonBackups backups;

    BackupController(AddonBackups backups) {
        this.backups = backups;
    }

    @GetMapping("/v1/addons/{name}/backups")
    List<BackupView> list(@PathVariable String name, HttpServletRequest request) {
        return backups.list(name, CurrentUser.of(request));
    }

    /** Answers once the dump is stored, or failed (200 either way: the failure is the backup's status). */
    @PostMapping("/v1/addons/{name}/backups")
    BackupView capture(@PathVariable String name, HttpServletRequest request) {
        return backups.capture(name, CurrentUser.of(request));
    }

    @PostMapping("/v1/addons/{name}/backups/{id}/restore")
    RestoreResult restore(@PathVariable String name, @PathVariable long id, HttpServletRequest request) {
        return backups.restore(name, id, CurrentUser.of(request));
    }

    @GetMapping("/v1/addons/{name}/backups/{id}/download")
    ResponseEntity<Resource> download(@PathVariable String name, @PathVariable long id, HttpServletRequest request)
            throws IOException {
        Path dump = backups.download(name, id, CurrentUser.of(request));
        // Streamed from the file on the request's own thread (no async dispatch for the filters to judge again).
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .contentLength(Files.size(dump))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name + "-" + id + ".dump\"")
                .body(new FileSystemResource(dump));
    }

    @PutMapping("/v1/addons/{name}/backups/schedule")
    BackupSchedule schedule(@PathVariable String name, @RequestBody BackupSchedule body, HttpServletRequest request) {
        if (body == null) {
            throw ApiException.badRequest("Give the time: --at HH:MM.");
        }
        return backups.schedule(name, body, CurrentUser.of(request));
    }
}
