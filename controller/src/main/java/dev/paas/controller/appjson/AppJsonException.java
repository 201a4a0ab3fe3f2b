package dev.paas.controller.appjson;

/** An app.json this platform cannot use; the message names what and where, for the pusher. */
public final class AppJsonException extends Exception {

    AppJsonException(String message) {
        super(message);
    }

    AppJsonException(String message, Throwable cause) {
        super(message, cause);
    }
}
