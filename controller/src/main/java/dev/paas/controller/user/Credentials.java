package dev.paas.controller.user;

import java.util.Optional;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Checks a username and password, for the API's login and the dashboard's sign-in alike. */
@Component
public class Credentials {

    private final UserRepository users;

    Credentials(UserRepository users) {
        this.users = users;
    }

    @Transactional(readOnly = true)
    public Optional<User> check(String username, String password) {
        if (username == null || password == null) {
            return Optional.empty();
        }
        return users.findByUsername(username).filter(u -> Passwords.matches(password, u.getPasswordHash()));
    }
}
