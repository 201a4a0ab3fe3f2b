package dev.paas.controller.build;

import java.util.List;

import dev.paas.controller.release.Release;
import org.springframework.data.domain.Pageable;
import org.springframework.data.repository.Repository;

/** An app's newest releases, for deciding which images to keep. */
interface ReleaseHistory extends Repository<Release, Long> {

    List<Release> findByAppIdOrderByVersionDesc(Long appId, Pageable page);
}
