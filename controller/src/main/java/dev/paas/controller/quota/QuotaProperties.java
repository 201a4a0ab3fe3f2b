package dev.paas.controller.quota;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The limits of what a user who is not an admin may have (PAAS_QUOTAS_APPS_PER_USER and so on).
 *
 * @param appsPerUser       apps a user owns
 * @param containersPerUser containers across the apps a user owns: the sum of their process counts
 * @param configBytesPerApp an app's config, its keys and values in UTF-8 (Heroku allows 32 KiB)
 * @param domainsPerApp     custom domains of one app (the default domain does not count)
 */
@ConfigurationProperties("paas.quotas")
public record QuotaProperties(
        @DefaultValue("50") int appsPerUser,
        @DefaultValue("100") int containersPerUser,
        @DefaultValue("32768") int configBytesPerApp,
        @DefaultValue("20") int domainsPerApp) {
}
