package dev.paas.controller.release;

import dev.paas.api.ReleaseView;

/** Releases as the API shows them. */
public final class ReleaseViews {

    private ReleaseViews() {
    }

    public static ReleaseView summary(Release r) {
        return view(r, false);
    }

    public static ReleaseView detail(Release r) {
        return view(r, true);
    }

    private static ReleaseView view(Release r, boolean withConfig) {
        return new ReleaseView(r.getVersion(), r.getSummary(), r.getCreatedBy(), r.getCreatedAt(), r.getStatus().name(),
                r.getFailure(), r.getBuild().getGitSha(), r.getBuild().getImage(), withConfig ? r.getConfig() : null);
    }
}
