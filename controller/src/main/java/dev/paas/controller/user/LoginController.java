package dev.paas.controller.user;

import dev.paas.api.LoginRequest;
import dev.paas.api.LoginResponse;
import dev.paas.api.WhoAmI;
import dev.paas.controller.web.ApiException;
import dev.paas.controller.web.CurrentUser;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
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
    LoginResponse login(@RequestBody LoginRequest request) {
        if (request.username() == null || request.password() == null) {
            throw ApiException.badRequest("Give both a username and a password.");
        }
        User user = credentials.check(request.username(), request.password())
                .orElseThrow(() -> new ApiException(HttpStatus.UNAUTHORIZED, "Wrong username or password."));
        return new LoginResponse(user.getUsername(), tokens.issue(user));
    }

    @GetMapping("/v1/whoami")
    WhoAmI whoami(HttpServletRequest request) {
        User user = CurrentUser.of(request);
        return new WhoAmI(user.getUsername(), user.isAdmin());
    }
}
