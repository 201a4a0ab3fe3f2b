package dev.paas.builder.build;

import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;

/**
 * @param image the full reference to build and push, e.g. {@code 127.0.0.1:5000/hello:v3}
 */
public record BuildRequest(String app, Repository repository, ObjectId commit, String image) {
}
