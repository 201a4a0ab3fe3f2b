package dev.paas.controller.user;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Checks a username and password, for the API's login and the dashboard's sign-in alike: failed attempts are
 * limited per name and per source address ({@link LoginThrottle}), an unknown name costs as much time as a wrong
 * password, and a hash in an earlier format is replaced at the first right sign-in.
 */
@Component
public class Credentials {

    /** What a sign-in attempt came to. */
    public sealed interface SignIn {
        record Accepted(User user) implements SignIn {
        }

        record Refused() implements SignIn {
        }

        /** Too many failures for this name or address: not checked at all; try again after {@code retryAfter}. */
        record Throttled(Duration retryAfter) implements SignIn {
            /** Whole seconds, at least one, as a Retry-After header gives them. */
            public long seconds() {
                return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
            }
        }
    }

    private final UserRepository users;
    private final LoginThrottle throttle;

    Credentials(UserRepository users, LoginSettings settings) {
        this.users = users;
        this.throttle = new LoginThrottle(settings.failuresPerUser(), settings.failuresPerAddress(),
                settings.failureWindow(), Clock.systemUTC());
    }

    /** @param address the caller's address, for the limit per source */
    @Transactional
    public SignIn check(String username, String password, String address) {
        if (username == null || password == null) {
            return new SignIn.Refused();
        }
        Optional<Duration> wait = throttle.retryAfter(username, address);
        if (wait.isPresent()) {
            return new SignIn.Throttled(wait.get());
        }
        Optional<User> found = users.findByUsername(username);
        if (found.isEmpty()) {
            Passwords.checkDecoy(password);
        } else if (Passwords.matches(password, found.get().getPasswordHash())) {
            User user = found.get();
            if (Passwords.needsUpgrade(user.getPasswordHash())) {
                user.setPasswordHash(Passwords.hash(password));
            }
            throttle.succeeded(username);
            return new SignIn.Accepted(user);
        }
        throttle.failed(username, address);
        return new SignIn.Refused();
    }
}
