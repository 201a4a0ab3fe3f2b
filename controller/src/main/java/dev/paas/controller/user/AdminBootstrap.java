package dev.paas.controller.user;

import dev.paas.controller.PaasProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * Creates the first user, "admin", from PAAS_ADMIN_PASSWORD when the platform has no users yet. It runs once the
 * beans exist but before the web server starts listening (not as an ApplicationRunner, which runs after): a
 * health check that answers means the admin can log in, even when hashing the password takes a loaded machine
 * many seconds.
 */
@Component
class AdminBootstrap implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);

    private final UserRepository users;
    private final PaasProperties properties;

    AdminBootstrap(UserRepository users, PaasProperties properties) {
        this.users = users;
        this.properties = properties;
    }

    @Override
    public void afterSingletonsInstantiated() {
        String password = properties.adminPassword();
        if (password == null || password.isBlank() || users.count() > 0) {
            return;
        }
        users.save(new User("admin", Passwords.hash(password.strip()), true));
        log.info("Created the admin user");
    }
}
