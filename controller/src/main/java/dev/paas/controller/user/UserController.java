package dev.paas.controller.user;

import java.util.List;

import dev.paas.api.CreateUserRequest;
import dev.paas.api.UserView;
import dev.paas.controller.web.ApiException;
import dev.paas.controller.web.CurrentUser;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** 'paas users', 'users:create', 'users:remove': for admins only. */
@RestController
class UserController {

    private final UserAdmin admin;

    UserController(UserAdmin admin) {
        this.admin = admin;
    }

    @GetMapping("/v1/users")
    List<UserView> list(HttpServletRequest request) {
        adminOnly(request);
        return admin.list();
    }

    @PostMapping("/v1/users")
    @ResponseStatus(HttpStatus.CREATED)
    UserView create(@RequestBody CreateUserRequest body, HttpServletRequest request) {
        adminOnly(request);
        return admin.create(body.username(), body.password());
    }

    @DeleteMapping("/v1/users/{username}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void remove(@PathVariable String username, HttpServletRequest request) {
        admin.remove(username, adminOnly(request));
    }

    private static User adminOnly(HttpServletRequest request) {
        User user = CurrentUser.of(request);
        if (!user.isAdmin()) {
            throw new ApiException(HttpStatus.FORBIDDEN, "Only admins manage users.");
        }
        return user;
    }
}
