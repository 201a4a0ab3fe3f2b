package dev.paas.api;

import java.util.List;

/** A user's limits and use ('paas quotas'); an admin's are not enforced. */
public record UserQuotas(String username, boolean admin, List<QuotaView> quotas) {
}
