package dev.paas.controller.user;

import dev.paas.api.ApiError;
import dev.paas.api.LoginRequest;
import dev.paas.api.LoginResponse;
import dev.paas.api.WhoAmI;
import dev.paas.controller.web.ApiException;
import dev.paas.controller.web.CurrentUser;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
class LoginController {

    private final Credentials credentials;
    private final TokenService tokens;

    LoginController(Credentials credentials, TokenService tokens) {
        this.credentials = credentials;
        this.tokens = tokens;
    }

    @PostMapping("/v1/login")
    ResponseEntity<?> login(@RequestBody LoginRequest body, HttpServletRequest request) {
        if (body.username() == null || body.password() == null) {
            throw ApiException.badRequest("Give both a username and a password.");
        }
        Credentials.SignIn signIn = credentials.check(body.username(), body.password(), request.getRemoteAddr());
        if (signIn instanceof Credentials.SignIn.Accepted accepted) {
            return ResponseEntity.ok(new LoginResponse(accepted.user().getUsername(), tokens.issue(accepted.user())));
        }
        if (signIn instanceof Credentials.SignIn.Throttled throttled) {
            return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                    .header(HttpHeaders.RETRY_AFTER, Long.toString(throttled.seconds()))
                    .body(new ApiError("Too many failed sign-ins for this user or from this address: try again in "
                            + throttled.seconds() + " s."));
        }
        throw new ApiException(HttpStatus.UNAUTHORIZED, "Wrong username or password.");
    }

    /** Revokes the token the request carries: what {@code paas logout} calls before it forgets the token. */
    @PostMapping("/v1/logout")
    ResponseEntity<Void> logout(HttpServletRequest request) {
        CurrentUser.of(request);
        // AuthFilter let the request in on this header's bearer token, so it is there and well formed.
        tokens.revoke(request.getHeader(HttpHeaders.AUTHORIZATION).substring(7).trim());
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/v1/whoami")
    WhoAmI whoami(HttpServletRequest request) {
        User user = CurrentUser.of(request);
        return new WhoAmI(user.getUsername(), user.isAdmin());
    }
}
