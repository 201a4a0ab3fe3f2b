package dev.paas.builder.build;

/** Builds an image from a commit. Implementations stream progress to the {@link BuildLog}. */
public interface Builder {

    BuildResult build(BuildRequest request, BuildLog log) throws BuildFailedException;
}
