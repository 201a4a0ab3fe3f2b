package dev.paas.cli.http;

/**
 * A call to the controller failed. The message is meant for the user as is.
 *
 * @see #status()
 */
public final class ApiException extends RuntimeException {

    /** Status used when no HTTP answer arrived at all. */
    public static final int NO_RESPONSE = 0;

    private final int status;

    public ApiException(int status, String message) {
        super(message);
        this.status = status;
    }

    public ApiException(String message, Throwable cause) {
        super(message, cause);
        this.status = NO_RESPONSE;
    }

    /** The HTTP status, or {@link #NO_RESPONSE}. */
    public int status() {
        return status;
    }
}
