package dev.paas.controller.dashboard;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

import dev.paas.api.LimitsView;
import dev.paas.api.ProcessStatus;
import dev.paas.controller.limits.LimitRules;

/** What the dashboard's pages show: values made in one read-only transaction, with times already formatted. */
final class Views {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private Views() {
    }

    static String time(Instant instant) {
        return instant == null ? "" : TIME.format(instant);
    }

    record AppRow(String name, String owner, String state, Integer release, String webUrl) {
    }

    /** @param scale each process type of the current release with its wanted count (what the scale form edits) */
    record AppPage(String name, String owner, String state, Integer release, String webUrl, String gitUrl,
                   List<ProcessRow> processes, List<ScaleRow> scale, Map<String, String> config,
                   List<ReleaseRow> releases, List<BuildRow> builds, List<DomainRow> domains) {
    }

    /** @param custom false for the default {@code <app>.<domain>}, which cannot be removed */
    record DomainRow(String hostname, boolean custom) {
    }

    record ProcessRow(String name, String state, int release, String node, String since) {
        static ProcessRow of(ProcessStatus p) {
            return new ProcessRow(p.name(), p.state(), p.release(), p.node(), time(p.since()));
        }
    }

    /** @param limits what each container of the type gets, as {@link #limits} writes it */
    record ScaleRow(String type, int count, String limits) {
    }

    /** {@code 512 MB, 0.5 CPU (set for the app)}, {@code 256 MB, shared CPU (default)}: as {@code paas limits} says it. */
    static String limits(LimitsView.ProcessLimit limit) {
        String cpu = limit.cpuMillis() == 0 ? "shared CPU" : LimitRules.cpus(limit.cpuMillis()) + " CPU";
        return limit.memoryMb() + " MB, " + cpu + ("app".equals(limit.source()) ? " (set for the app)" : " (default)");
    }

    /** An add-on attached to the app: {@code var} is the config var it is attached as here. */
    record AddonRow(String name, String type, String plan, String state, String var) {
        static AddonRow of(dev.paas.api.AddonView addon, String app) {
            return new AddonRow(addon.name(), addon.type(), addon.plan(), addon.state(), addon.attachments().stream()
                    .filter(a -> a.app().equals(app)).map(dev.paas.api.AddonView.Attachment::var).findFirst()
                    .orElse(""));
        }
    }

    record ReleaseRow(int version, String summary, String createdBy, String createdAt, String status, String failure,
                      boolean current) {
    }

    record BuildRow(long id, String sha, String status, String createdBy, String createdAt) {
    }

    record BuildPage(String app, long id, String sha, String status, String createdBy, String createdAt,
                     String finishedAt, String log) {
    }

    /** One line of the live log, as the page's script shows it. */
    record LiveLine(long id, String time, String source, String process, String text) {
    }
}
