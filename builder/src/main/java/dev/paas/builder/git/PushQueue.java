package dev.paas.builder.git;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One receive-pack at a time per repository, for its whole session: refs advertised, build, deploy, ref update.
 * A lock around the build alone is not enough: the next push would have been told the old refs, would build and
 * deploy, and only then fail to move the branch, leaving running code the branch does not point to. Waiting
 * before refs are advertised means the next push sees the branch as the first push left it, so git itself
 * refuses it ("fetch first") unless it builds on that. Process-wide, as there is one git server per process.
 */
final class PushQueue {

    private static final Map<String, ReentrantLock> LOCKS = new ConcurrentHashMap<>();

    private PushQueue() {
    }

    static ReentrantLock lockFor(String repositoryPath) {
        return LOCKS.computeIfAbsent(repositoryPath, path -> new ReentrantLock());
    }
}
