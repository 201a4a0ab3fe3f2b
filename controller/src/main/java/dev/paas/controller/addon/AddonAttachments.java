package dev.paas.controller.addon;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.paas.api.ReleaseView;
import dev.paas.controller.app.App;
import dev.paas.controller.release.ReleaseChanges;
import dev.paas.controller.release.ReleaseViews;
import dev.paas.controller.user.User;
import dev.paas.controller.web.ApiException;
import org.springframework.stereotype.Service;

/**
 * Attaching and detaching: the attachment row and the config var are written together through the app's one
 * change path ({@link ReleaseChanges}), so the new release carries the URL and its containers join the add-on's
 * network; the answer comes once it is rolled out. A var the app already has is never overwritten.
 */
@Service
class AddonAttachments {

    private final ReleaseChanges changes;
    private final AttachmentRepository attachments;

    AddonAttachments(ReleaseChanges changes, AttachmentRepository attachments) {
        this.changes = changes;
        this.attachments = attachments;
    }

    /** Refuses, before anything is written, what {@link #attach} would refuse. */
    void check(Addon addon, App app, String var) {
        if (attachments.findByAddonIdAndAppId(addon.getId(), app.getId()).isPresent()) {
            throw ApiException.conflict(addon.getName() + " is already attached to " + app.getName()
                    + ": 'paas addons -a " + app.getName() + "' lists it.");
        }
        if (app.getConfig().containsKey(var)) {
            throw ApiException.conflict(app.getName() + " already has " + var + ", which is left as it is: attach "
                    + "under another name with --as NAME (it sets NAME_URL), or 'paas config:unset " + var
                    + " -a " + app.getName() + "' first.");
        }
    }

    ReleaseView attach(Addon addon, App app, String var, User user) throws InterruptedException {
        ReleaseChanges.Outcome outcome = changes.apply(app, user, (locked, current) -> {
            check(addon, locked, var);
            attachments.save(new Attachment(addon.getId(), locked.getId(), var));
            Map<String, String> next = new LinkedHashMap<>(locked.getConfig());
            next.put(var, addon.url());
            return new ReleaseChanges.Next(current == null ? null : current.getBuild(), next,
                    "Attach " + addon.getName() + " as " + var);
        });
        return outcome.release() == null ? null : ReleaseViews.detail(outcome.release());
    }

    /**
     * Gives the app the add-on's current URL under the name it is attached as (after a rotation), with a release;
     * null if it was detached meanwhile or has no build yet.
     */
    ReleaseView refresh(Addon addon, App app, User user) throws InterruptedException {
        ReleaseChanges.Outcome outcome = changes.apply(app, user, (locked, current) -> {
            Map<String, String> next = new LinkedHashMap<>(locked.getConfig());
            attachments.findByAddonIdAndAppId(addon.getId(), locked.getId())
                    .ifPresent(attachment -> next.put(attachment.getVarName(), addon.url()));
            return new ReleaseChanges.Next(current == null ? null : current.getBuild(), next,
                    "Rotate the credentials of " + addon.getName());
        });
        return outcome.release() == null ? null : ReleaseViews.detail(outcome.release());
    }

    ReleaseView detach(Addon addon, App app, User user) throws InterruptedException {
        ReleaseChanges.Outcome outcome = changes.apply(app, user, (locked, current) -> {
            Attachment attachment = attachments.findByAddonIdAndAppId(addon.getId(), locked.getId())
                    .orElseThrow(() -> ApiException.notFound(addon.getName() + " is not attached to "
                            + locked.getName() + "."));
            attachments.delete(attachment);
            Map<String, String> next = new LinkedHashMap<>(locked.getConfig());
            next.remove(attachment.getVarName());
            return new ReleaseChanges.Next(current == null ? null : current.getBuild(), next,
                    "Detach " + addon.getName() + " (" + attachment.getVarName() + ")");
        });
        return outcome.release() == null ? null : ReleaseViews.detail(outcome.release());
    }
}
