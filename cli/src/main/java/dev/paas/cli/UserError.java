package dev.paas.cli;

/** Something the user can fix; the message, printed as is, says how. Exit code 1, no stack trace. */
final class UserError extends RuntimeException {

    UserError(String message) {
        super(message);
    }
}
