package dev.paas.builder.git;

import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;

/**
 * One ref update a user is pushing.
 *
 * @param app   the repository's name without {@code .git}
 * @param ref   full ref name, e.g. {@code refs/heads/master}
 * @param newId the pushed commit ({@link ObjectId#zeroId()} for a delete)
 */
public record Push(String user, String app, Repository repository, String ref, ObjectId oldId, ObjectId newId) {
}
