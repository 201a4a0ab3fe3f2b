package dev.paas.controller.user;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How sign-ins are limited and how long an unused API token lives (PAAS_LOGIN_...).
 *
 * @param failuresPerUser    failed sign-ins one user name may take within {@code failureWindow} before more are refused
 * @param failuresPerAddress the same for one source address, whatever names it tries
 * @param failureWindow      how long a failed sign-in counts
 * @param tokenIdleExpiry    an API token not used for this long stops working, as if it had been revoked
 */
@ConfigurationProperties("paas.login")
public record LoginSettings(
        @DefaultValue("10") int failuresPerUser,
        @DefaultValue("30") int failuresPerAddress,
        @DefaultValue("15m") Duration failureWindow,
        @DefaultValue("30d") Duration tokenIdleExpiry) {

    public LoginSettings {
        if (failuresPerUser < 1 || failuresPerAddress < 1) {
            throw new IllegalArgumentException("paas.login.failures-per-user and failures-per-address must be at least 1");
        }
        if (failureWindow.isNegative() || failureWindow.isZero() || tokenIdleExpiry.isNegative() || tokenIdleExpiry.isZero()) {
            throw new IllegalArgumentException("paas.login.failure-window and token-idle-expiry must be positive");
        }
    }
}
