package dev.paas.api;

/** An admin creates a user; the password travels only in this body, never in a path or a log line. */
public record CreateUserRequest(String username, String password) {

    @Override
    public String toString() {
        return "CreateUserRequest[username=" + username + ", password=(hidden)]";
    }
}
