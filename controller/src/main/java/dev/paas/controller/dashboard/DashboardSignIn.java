package dev.paas.controller.dashboard;

import java.util.List;

import dev.paas.controller.user.Credentials;
import dev.paas.controller.user.User;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/** Signs in the platform's own users (the ones {@code paas login} knows) with their passwords. */
@Component
class DashboardSignIn implements AuthenticationProvider {

    private final Credentials credentials;

    DashboardSignIn(Credentials credentials) {
        this.credentials = credentials;
    }

    @Override
    public Authentication authenticate(Authentication attempt) {
        Object password = attempt.getCredentials();
        String address = attempt.getDetails() instanceof WebAuthenticationDetails details ? details.getRemoteAddress() : null;
        Credentials.SignIn signIn = credentials.check(attempt.getName(), password == null ? null : password.toString(),
                address);
        if (signIn instanceof Credentials.SignIn.Throttled throttled) {
            throw new LockedException("Too many failed sign-ins: try again in " + throttled.seconds() + " s.");
        }
        if (!(signIn instanceof Credentials.SignIn.Accepted accepted)) {
            throw new BadCredentialsException("Wrong username or password.");
        }
        User user = accepted.user();
        List<SimpleGrantedAuthority> roles = user.isAdmin()
                ? List.of(new SimpleGrantedAuthority("ROLE_USER"), new SimpleGrantedAuthority("ROLE_ADMIN"))
                : List.of(new SimpleGrantedAuthority("ROLE_USER"));
        // The principal is the username only: the session never holds an entity or the password.
        return UsernamePasswordAuthenticationToken.authenticated(user.getUsername(), null, roles);
    }

    @Override
    public boolean supports(Class<?> type) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(type);
    }
}
