package dev.paas.builder.build;

import java.util.Map;

import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;

/**
 * @param image    the full reference to build and push, e.g. {@code 127.0.0.1:5000/hello:v3}
 * @param config   the app's config vars, given to buildpacks as ENV_DIR (BUILDPACK_URL chooses the buildpack)
 */
public record BuildRequest(String app, Repository repository, ObjectId commit, String image,
                           Map<String, String> config) {

    public BuildRequest {
        config = Map.copyOf(config);
    }
}
