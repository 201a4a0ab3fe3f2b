package dev.paas.controller.addon;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.paas.api.AddonChange;
import dev.paas.api.AddonRotation;
import dev.paas.api.AddonView;
import dev.paas.api.ReleaseView;
import dev.paas.controller.ChangeFeed;
import dev.paas.controller.access.AppAccess;
import dev.paas.controller.app.App;
import dev.paas.controller.app.AppRepository;
import dev.paas.controller.node.Node;
import dev.paas.controller.node.NodeRepository;
import dev.paas.controller.user.User;
import dev.paas.controller.user.UserRepository;
import dev.paas.controller.web.ApiException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/** addons:create, attach, detach, destroy, info: input checked whole before anything is written. */
@Service
public class AddonService {


    private final AddonRepository addons;
    private final AttachmentRepository attachments;
    private final AddonAttachments attaching;
    private final AppAccess access;
    private final AppRepository apps;
    private final NodeRepository nodes;
    private final UserRepository users;
    private final ChangeFeed feed;
    private final TransactionTemplate tx;
    /** How long create waits for the service to accept connections before attaching it anyway. */
    private final Duration readyWait;
    private final AddonPorts ports;

    AddonService(AddonRepository addons, AttachmentRepository attachments, AddonAttachments attaching,
                 AppAccess access, AppRepository apps, NodeRepository nodes, UserRepository users, ChangeFeed feed,
                 TransactionTemplate tx, @Value("${paas.addons.ready-wait:90s}") Duration readyWait,
                 @Value("${paas.addons.ports:" + AddonPorts.DEFAULT + "}") String ports) {
        this.ports = AddonPorts.parse(ports);
        this.readyWait = readyWait;
        this.addons = addons;
        this.attachments = attachments;
        this.attaching = attaching;
        this.access = access;
        this.apps = apps;
        this.nodes = nodes;
        this.users = users;
        this.feed = feed;
        this.tx = tx;
    }

    public AddonChange create(String typeName, String appName, String plan, String alias, User user)
            throws InterruptedException {
        AddonType type = AddonType.named(typeName).orElseThrow(() -> new ApiException(HttpStatus.UNPROCESSABLE_ENTITY,
                "Unknown add-on type '" + typeName + "': use one of " + AddonType.names() + "."));
        String chosenPlan = plan == null || plan.isBlank() ? AddonPlans.DEFAULT : plan;
        if (AddonPlans.memoryMb(chosenPlan).isEmpty()) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "Unknown plan '" + plan + "': use one of "
                    + AddonPlans.names() + ".");
        }
        String var = AddonNames.varFor(alias, type).orElseThrow(() -> new ApiException(
                HttpStatus.UNPROCESSABLE_ENTITY, AddonNames.aliasRule(alias)));
        App app = access.find(appName, user);
        if (app.getConfig().containsKey(var)) {
            throw ApiException.conflict(app.getName() + " already has " + var + ", which is left as it is: create"
                    + " it under another name with --as NAME (it sets NAME_URL), or 'paas config:unset " + var
                    + " -a " + app.getName() + "' first.");
        }
        Addon addon = withFreePort(() -> tx.execute(status -> addons.save(new Addon(uniqueName(type), type,
                chosenPlan, user.getId(), app.getFormationId(), placeIn(app.getFormationId()),
                AddonNames.credentials(), freePort()))));
        feed.bump();
        awaitUp(addon.getId());
        ReleaseView release = attaching.attach(addons.findById(addon.getId()).orElseThrow(), app, var, user);
        return new AddonChange(view(addons.findById(addon.getId()).orElseThrow()), release);
    }

    public AddonChange attach(String name, String appName, String alias, User user) throws InterruptedException {
        Addon addon = find(name, user);
        String var = AddonNames.varFor(alias, addon.type()).orElseThrow(() -> new ApiException(
                HttpStatus.UNPROCESSABLE_ENTITY, AddonNames.aliasRule(alias)));
        App app = access.find(appName, user);
        attaching.check(addon, app, var);
        ReleaseView release = attaching.attach(addon, app, var, user);
        return new AddonChange(view(addon), release);
    }

    public AddonChange detach(String name, String appName, User user) throws InterruptedException {
        Addon addon = find(name, user);
        App app = access.find(appName, user);
        ReleaseView release = attaching.detach(addon, app, user);
        return new AddonChange(view(addon), release);
    }

    /** Refused while attached unless forced (then detached from each app first, each with a release). */
    Addon destroy(String name, String confirm, boolean force, User user) throws InterruptedException {
        Addon addon = find(name, user);
        if (!name.equals(confirm)) {
            throw ApiException.badRequest("Destroying " + name + " deletes its data and backups: confirm with"
                    + " --confirm " + name + ".");
        }
        List<Attachment> attached = attachments.findByAddonIdOrderById(addon.getId());
        if (!attached.isEmpty() && !force) {
            throw ApiException.conflict(name + " is attached to " + String.join(", ", appNames(attached))
                    + ": detach it first, or destroy it with --force (the apps lose their "
                    + attached.get(0).getVarName() + " with a new release).");
        }
        for (Attachment attachment : attached) {
            App app = apps.findById(attachment.getAppId()).orElse(null);
            if (app != null) {
                attaching.detach(addon, app, user);
            }
        }
        tx.executeWithoutResult(status -> addons.lockByName(name).ifPresent(Addon::destroy));
        feed.bump();
        return addon;
    }

    /**
     * New credentials: the service is replaced with the new password (the old one stops working), then each
     * attached app gets a release with the new URL, each through its own change path. Only the add-on's owner or an
     * admin may, since every attached app is changed, including apps the caller may not otherwise touch.
     */
    AddonRotation rotate(String name, User user) throws InterruptedException {
        Addon addon = find(name, user);
        if (!user.isAdmin() && !addon.getOwnerId().equals(user.getId())) {
            throw new ApiException(HttpStatus.FORBIDDEN, "Only " + name + "'s owner or an admin can rotate its credentials: it"
                    + " changes every app it is attached to.");
        }
        Addon rotated = withFreePort(() -> tx.execute(status -> {
            Addon locked = addons.lockByName(name).orElseThrow();
            locked.rotate(AddonNames.credentials().password(), locked.getPort() == null ? freePort() : null);
            return locked;
        }));
        feed.bump();
        awaitUp(rotated.getId());
        List<AddonRotation.AppRelease> releases = new java.util.ArrayList<>();
        for (Attachment attachment : attachments.findByAddonIdOrderById(rotated.getId())) {
            App app = apps.findById(attachment.getAppId()).orElse(null);
            if (app != null) {
                releases.add(new AddonRotation.AppRelease(app.getName(), attachment.getVarName(),
                        attaching.refresh(rotated, app, user)));
            }
        }
        return new AddonRotation(view(addons.findById(rotated.getId()).orElseThrow()), releases);
    }

    AddonView info(String name, User user) {
        return view(find(name, user));
    }

    public List<AddonView> forApp(String appName, User user) {
        App app = access.find(appName, user);
        return attachments.findByAppIdOrderByVarName(app.getId()).stream()
                .map(a -> addons.findById(a.getAddonId()).orElseThrow()).map(this::view).toList();
    }

    /**
     * An add-on the user may use: its owner, an admin, or whoever may work on an app it is attached to. Anyone
     * else gets the same 404 as for a name that does not exist.
     */
    Addon find(String name, User user) {
        ApiException notFound = ApiException.notFound("Add-on '" + name + "' not found: 'paas addons -a APP' lists"
                + " an app's add-ons.");
        if (!AddonNames.isName(name)) {
            throw notFound;
        }
        Addon addon = addons.findByNameAndDestroyedAtIsNull(name).orElseThrow(() -> notFound);
        if (user.isAdmin() || addon.getOwnerId().equals(user.getId())) {
            return addon;
        }
        boolean viaApp = attachments.findByAddonIdOrderById(addon.getId()).stream()
                .map(a -> apps.findById(a.getAppId())).flatMap(java.util.Optional::stream)
                .anyMatch(app -> access.roleOf(app, user).isPresent());
        if (!viaApp) {
            throw notFound;
        }
        return addon;
    }

    private String uniqueName(AddonType type) {
        for (int i = 0; i < 50; i++) {
            String name = AddonNames.generate(type.name());
            if (!addons.existsByName(name)) {
                return name;
            }
        }
        throw ApiException.conflict("Could not find a free add-on name: try again.");
    }

    /** The lowest port of paas.addons.ports no live add-on has. */
    private int freePort() {
        return ports.free(addons.livePorts()).orElseThrow(() -> ApiException.conflict("Every port of"
                + " paas.addons.ports (" + ports.first() + "-" + ports.last() + ") belongs to an add-on: an admin"
                + " widens the range, or destroy an add-on."));
    }

    /**
     * Runs {@code write} again when another add-on took the same port meanwhile (the unique index on live add-ons'
     * ports refused the second): the next try picks another.
     */
    private static Addon withFreePort(java.util.function.Supplier<Addon> write) {
        for (int attempt = 1; ; attempt++) {
            try {
                return write.get();
            } catch (org.springframework.dao.DataIntegrityViolationException raced) {
                if (attempt >= 5) {
                    throw raced;
                }
            }
        }
    }

    private Long placeIn(Long formationId) {
        Map<Long, Long> counts = new HashMap<>();
        for (Object[] row : addons.countsByNode()) {
            counts.put((Long) row[0], (Long) row[1]);
        }
        List<AddonPlacement.Candidate> candidates = nodes.findByFormationIdAndLayerOrderByName(formationId, "runtime")
                .stream().map(n -> new AddonPlacement.Candidate(n.getId(), n.getName(), n.getLayer(), n.isDrained(),
                        n.getLastHeartbeat(), counts.getOrDefault(n.getId(), 0L))).toList();
        return AddonPlacement.choose(candidates, Instant.now()).map(AddonPlacement.Candidate::id)
                .orElseThrow(() -> ApiException.conflict("No live runtime node in the app's formation can run the"
                        + " add-on: 'paas nodes' lists them."));
    }

    /** Until the service accepts connections, bounded by {@code paas.addons.ready-wait}. */
    private void awaitUp(Long id) throws InterruptedException {
        long until = System.nanoTime() + readyWait.toNanos();
        long since = feed.version();
        while (System.nanoTime() < until) {
            if ("up".equals(addons.findById(id).map(Addon::getObservedState).orElse(null))) {
                return;
            }
            long next = feed.awaitChange(since, Duration.ofMillis(500));
            if (next == since) {
                Thread.sleep(50);
            }
            since = next;
        }
    }

    private List<String> appNames(List<Attachment> attached) {
        return attached.stream().map(a -> apps.findById(a.getAppId()).map(App::getName).orElse("?")).toList();
    }

    AddonView view(Addon addon) {
        String node = addon.getNodeId() == null ? null
                : nodes.findById(addon.getNodeId()).map(Node::getName).orElse(null);
        String owner = users.findById(addon.getOwnerId()).map(User::getUsername).orElse(null);
        List<AddonView.Attachment> list = attachments.findByAddonIdOrderById(addon.getId()).stream()
                .map(a -> new AddonView.Attachment(apps.findById(a.getAppId()).map(App::getName).orElse("?"),
                        a.getVarName())).toList();
        return new AddonView(addon.getName(), addon.type().name(), addon.getPlan(), addon.getObservedState(), node,
                owner, addon.getCreatedAt(), list);
    }
}
