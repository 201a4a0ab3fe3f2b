package dev.paas.controller.user;

import java.util.List;

import dev.paas.api.UserView;
import dev.paas.controller.web.ApiException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Admins create, list and remove users. Removing a user takes their tokens, SSH keys and collaborations with them
 * (the database cascades); it is refused while they own apps, because an app is never left without an owner nor
 * destroyed as a side effect.
 */
@Service
class UserAdmin {

    /** Long enough to resist guessing, short enough that hashing it costs what any password costs. */
    static final int MIN_PASSWORD = 8;
    static final int MAX_PASSWORD = 1024;

    private final UserRepository users;
    private final UserAdminRepository admin;
    private final TransactionTemplate tx;

    UserAdmin(UserRepository users, UserAdminRepository admin, TransactionTemplate tx) {
        this.users = users;
        this.admin = admin;
        this.tx = tx;
    }

    List<UserView> list() {
        return admin.listWithAppCounts();
    }

    UserView create(String username, String password) {
        String problem = UserNames.problem(username);
        if (!problem.isEmpty()) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, problem);
        }
        if (password == null || password.length() < MIN_PASSWORD || password.length() > MAX_PASSWORD) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "The password must be " + MIN_PASSWORD + " to "
                    + MAX_PASSWORD + " characters long.");
        }
        if (users.findByUsername(username).isPresent()) {
            throw taken(username);
        }
        // hashed before the insert, so the slow part holds no transaction open
        String hash = Passwords.hash(password);
        try {
            users.saveAndFlush(new User(username, hash, false));
        } catch (DataIntegrityViolationException e) {
            throw taken(username);
        }
        return new UserView(username, false, 0);
    }

    void remove(String username, User caller) {
        try {
            tx.executeWithoutResult(status -> removeLocked(username, caller));
        } catch (DataIntegrityViolationException e) {
            // an app created by that user while we looked
            throw ApiException.conflict(username + " just created an app: run 'paas users:remove " + username
                    + "' again to see which.");
        }
    }

    private void removeLocked(String username, User caller) {
        User user = users.findByUsername(username).orElseThrow(() -> ApiException.notFound(
                "No user '" + username + "': 'paas users' lists them."));
        if (user.getId().equals(caller.getId())) {
            throw ApiException.conflict("You cannot remove yourself: another admin can.");
        }
        List<User> admins = admin.lockAdmins();
        if (user.isAdmin() && admins.stream().filter(a -> !a.getId().equals(user.getId())).findAny().isEmpty()) {
            throw ApiException.conflict(username + " is the last admin: the platform would have no one to run it.");
        }
        List<String> owned = admin.appsOwnedBy(user);
        if (!owned.isEmpty()) {
            throw ApiException.conflict(username + " still owns " + String.join(", ", owned)
                    + ": destroy those apps first ('paas destroy -a APP'); a user's apps are never removed with them.");
        }
        users.delete(user);
        users.flush();
    }

    private static ApiException taken(String username) {
        return ApiException.conflict("User '" + username + "' already exists.");
    }
}
