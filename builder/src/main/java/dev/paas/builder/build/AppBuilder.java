package dev.paas.builder.build;

import java.io.IOException;

import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/** The builder a push uses: the app's own Dockerfile when it has one at its root, else buildpacks. */
public final class AppBuilder implements Builder {

    private final Builder dockerfile;
    private final Builder buildpacks;

    public AppBuilder(Builder dockerfile, Builder buildpacks) {
        this.dockerfile = dockerfile;
        this.buildpacks = buildpacks;
    }

    @Override
    public BuildResult build(BuildRequest request, BuildLog log) throws BuildFailedException {
        return hasDockerfile(request) ? dockerfile.build(request, log) : buildpacks.build(request, log);
    }

    private static boolean hasDockerfile(BuildRequest request) throws BuildFailedException {
        try (RevWalk walk = new RevWalk(request.repository());
             TreeWalk file = TreeWalk.forPath(request.repository(), DockerfileBuilder.DOCKERFILE,
                     walk.parseTree(request.commit()))) {
            return file != null && (file.getRawMode(0) & 0170000) == 0100000;
        } catch (IOException e) {
            throw new BuildFailedException("The builder could not read the pushed commit: " + e.getMessage(), e);
        }
    }
}
