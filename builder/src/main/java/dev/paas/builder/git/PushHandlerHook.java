package dev.paas.builder.git;

import java.io.IOException;
import java.util.Collection;
import java.util.function.Consumer;

import org.eclipse.jgit.transport.PreReceiveHook;
import org.eclipse.jgit.transport.ReceiveCommand;
import org.eclipse.jgit.transport.ReceivePack;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands every pushed ref to the {@link PushHandler} before JGit moves it, streaming the handler's lines to the
 * pusher as {@code remote: ...} while it runs. A rejected ref keeps its old value; other refs are unaffected.
 */
final class PushHandlerHook implements PreReceiveHook {

    private static final Logger log = LoggerFactory.getLogger(PushHandlerHook.class);

    private final String user;
    private final String app;
    private final PushHandler handler;

    PushHandlerHook(String user, String app, PushHandler handler) {
        this.user = user;
        this.app = app;
        this.handler = handler;
    }

    @Override
    public void onPreReceive(ReceivePack receive, Collection<ReceiveCommand> commands) {
        Consumer<String> out = pusherOutput(receive);
        for (ReceiveCommand command : commands) {
            if (command.getResult() != ReceiveCommand.Result.NOT_ATTEMPTED) {
                continue; // JGit already refused it (e.g. a bad object); the handler never sees it
            }
            Push push = new Push(user, app, receive.getRepository(), command.getRefName(), command.getOldId(),
                    command.getNewId());
            PushResult result = handle(push, out);
            if (!result.accepted()) {
                String reason = result.reason() == null || result.reason().isBlank() ? "rejected" : result.reason();
                command.setResult(ReceiveCommand.Result.REJECTED_OTHER_REASON, reason);
            }
        }
    }

    private PushResult handle(Push push, Consumer<String> out) {
        try {
            return handler.handle(push, out);
        } catch (RuntimeException e) {
            log.error("Push of {} to {} by {} failed", push.ref(), app, user, e);
            return PushResult.reject("internal error on the server");
        }
    }

    /**
     * Every line is flushed at once, or the side band would hold it until JGit's buffer fills or the push ends.
     * Synchronized because a handler may write from several threads (e.g. a build's log callbacks).
     */
    private static Consumer<String> pusherOutput(ReceivePack receive) {
        return text -> {
            synchronized (receive) {
                for (String line : text.split("\\R", -1)) {
                    receive.sendMessage(line); // a message must not contain a line break
                }
                try {
                    receive.getMessageOutputStream().flush();
                } catch (IOException e) {
                    // The pusher went away; the handler finds out from the interrupt when SSHD closes the channel.
                }
            }
        };
    }
}
