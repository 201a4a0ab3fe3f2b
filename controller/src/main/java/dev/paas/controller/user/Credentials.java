package dev.paas.controller.user;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Checks a username and password, for the API's login and the dashboard's sign-in alike: failed attempts are
 * limited per name and per source address ({@link LoginThrottle} decides on the counts {@link LoginFailures} keeps in
 * PostgreSQL for every controller), an unknown name costs as much time as a wrong password and counts as a failure of
 * its own, and a hash in an earlier format is replaced at the first right sign-in.
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
    private final LoginFailures failures;
    private final Clock clock = Clock.systemUTC();

    Credentials(UserRepository users, LoginSettings settings, LoginFailures failures) {
        this.users = users;
        this.throttle = LoginThrottle.of(settings);
        this.failures = failures;
    }

    /** @param address the caller's address, for the limit per source */
    @Transactional
    public SignIn check(String username, String password, String address) {
        if (username == null || password == null) {
            return new SignIn.Refused();
        }
        String name = LoginThrottle.userKey(username);
        String source = LoginThrottle.addressKey(address);
        Instant now = clock.instant();
        Optional<Duration> wait = throttle.retryAfter(failures.since(name, source, throttle.horizon(now)), now);
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
            failures.clear(name);
            return new SignIn.Accepted(user);
        }
        failures.add(name, source, throttle.bucketOf(clock.instant()));
        return new SignIn.Refused();
    }
}
