package dev.paas.builder.git;

/** Accept the ref update, or reject it with a short reason git prints as {@code ! [remote rejected] (reason)}. */
public record PushResult(boolean accepted, String reason) {

    public static PushResult accept() {
        return new PushResult(true, null);
    }

    public static PushResult reject(String reason) {
        return new PushResult(false, reason);
    }
}
