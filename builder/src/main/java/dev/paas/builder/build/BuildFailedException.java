package dev.paas.builder.build;

/** The build cannot produce an image; the message says why in one line the pusher can act on. */
public class BuildFailedException extends Exception {

    public BuildFailedException(String message) {
        super(message);
    }

    public BuildFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
