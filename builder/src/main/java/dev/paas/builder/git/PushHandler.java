package dev.paas.builder.git;

import java.util.function.Consumer;

/**
 * Called from the pre-receive hook, once per pushed ref, before the ref is updated. Whatever it writes to
 * {@code out} reaches the pusher's terminal as {@code remote: ...} lines as it is written.
 */
public interface PushHandler {

    PushResult handle(Push push, Consumer<String> out);
}
