package dev.paas.builder.git;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.locks.ReentrantLock;

import org.apache.sshd.common.channel.exception.SshChannelClosedException;
import org.apache.sshd.common.util.threads.ThreadUtils;
import org.apache.sshd.server.command.AbstractCommandSupport;
import org.eclipse.jgit.errors.TooLargeObjectInPackException;
import org.eclipse.jgit.errors.TooLargePackException;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.ReceivePack;
import org.eclipse.jgit.transport.UploadPack;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.paas.builder.git.GitAccess.AccessDeniedException;

/**
 * Serves one git-receive-pack or git-upload-pack on the app's bare repository with JGit, on its own thread (SSHD
 * wants start() to return; a push can run a build for minutes). Closing the channel interrupts that thread.
 */
final class GitPackCommand extends AbstractCommandSupport {

    private static final Logger log = LoggerFactory.getLogger(GitPackCommand.class);

    private final GitCommandLine request;
    private final String user;
    private final GitAccess access;
    private final PushHandler handler;
    private final long maxPushBytes;

    GitPackCommand(String commandLine, GitCommandLine request, String user, GitAccess access, PushHandler handler,
                   long maxPushBytes) {
        super(commandLine, ThreadUtils.newSingleThreadExecutor(request.service() == GitCommandLine.Service.RECEIVE_PACK
                ? "git-receive-pack" : "git-upload-pack"));
        this.request = request;
        this.user = user;
        this.access = access;
        this.handler = handler;
        this.maxPushBytes = maxPushBytes;
    }

    @Override
    public void run() {
        int status = 1;
        try {
            Path dir = access.repositoryFor(user, request.path());
            try (Repository repository = openBare(dir)) {
                serve(repository);
            }
            status = 0;
        } catch (AccessDeniedException e) {
            tell(e.getMessage());
        } catch (SshChannelClosedException e) {
            log.info("{} by {} on {} ended early: the client hung up", request.service(), user, request.path());
        } catch (Exception e) {
            if (tooLarge(e)) {
                log.info("Push by {} to {} refused: over {} bytes", user, request.path(), maxPushBytes);
                tell(" !     Push refused: it is larger than " + (maxPushBytes >= 1 << 20 ? (maxPushBytes >> 20) + " MB"
                        : (maxPushBytes >> 10) + " KB") + ", the most this server"
                        + " takes in one push (paas.build.push-max). Keep large files out of the app's repository.");
                return;
            }
            log.warn("{} by {} on {} failed", request.service(), user, request.path(), e);
            tell("The git server could not complete " + getCommand() + ": " + e.getMessage());
        } finally {
            flush(getOutputStream());
            flush(getErrorStream());
            onExit(status);
        }
    }

    private void serve(Repository repository) throws IOException {
        if (request.service() == GitCommandLine.Service.RECEIVE_PACK) {
            ReentrantLock lock = PushQueue.lockFor(repository.getDirectory().getAbsolutePath());
            if (!lock.tryLock()) {
                tell("-----> Another push to " + request.app() + " is deploying; waiting for it to finish...");
                flush(getErrorStream());
                try {
                    lock.lockInterruptibly();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while waiting for the other push", e);
                }
            }
            try {
                ReceivePack receive = new ReceivePack(repository);
                receive.setAllowNonFastForwards(true); // git push --force; deletes are allowed too, the handler decides
                receive.setPreReceiveHook(new PushHandlerHook(user, request.app(), handler));
                // JGit stops reading a pack at the limit and answers "unpack error"; the pusher first reads why.
                receive.setMaxPackSizeLimit(maxPushBytes);
                receive.setMaxObjectSizeLimit(maxPushBytes);
                receive.receive(getInputStream(), getOutputStream(), getErrorStream());
            } finally {
                lock.unlock();
            }
        } else {
            new UploadPack(repository).upload(getInputStream(), getOutputStream(), getErrorStream());
        }
    }

    /** JGit stopped reading the pack at the size limit (of the pack, or of one object inflated). */
    private static boolean tooLarge(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof TooLargePackException || cause instanceof TooLargeObjectInPackException) {
                return true;
            }
        }
        return false;
    }

    /** Opens the bare repository, creating it on the app's first push (or clone) so nobody has to beforehand. */
    private static Repository openBare(Path dir) throws IOException {
        Repository repository = new FileRepositoryBuilder().setGitDir(dir.toFile()).setBare().build();
        if (!repository.getObjectDatabase().exists()) {
            repository.create(true);
        }
        return repository;
    }

    private void tell(String message) {
        try {
            getErrorStream().write((message + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            log.debug("Could not tell the client: {}", message, e);
        }
    }

    private static void flush(OutputStream out) {
        try {
            out.flush();
        } catch (IOException e) {
            // The client went away; SSHD closes the channel on exit anyway.
        }
    }
}
