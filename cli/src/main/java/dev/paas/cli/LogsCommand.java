package dev.paas.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.paas.api.LogLine;
import dev.paas.api.LogPage;
import dev.paas.cli.http.ApiClient;
import dev.paas.cli.http.ApiException;
import dev.paas.cli.http.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Prints an app's recent log lines and, with {@code -f}, follows it: a loop of long polls that each ask for the
 * lines after the last one printed. When the controller goes away (a restart, an upgrade) it keeps asking with
 * the same id, so nothing the history still holds is missed or printed twice.
 */
@Command(name = "logs", mixinStandardHelpOptions = true,
        description = "Show an app's log: its processes' output, the platform's events and router lines.")
final class LogsCommand extends PaasCommand {

    private static final int WAIT_SECONDS = 25;
    /** Following gives up only after the controller has been unreachable this long without a break. */
    private static final Duration GIVE_UP_AFTER = Duration.ofMinutes(10);

    @Mixin
    AppOption app;

    @Option(names = {"-n", "--num"}, paramLabel = "N", defaultValue = "100",
            description = "How many recent lines to show (default: ${DEFAULT-VALUE}).")
    int lines;

    @Option(names = {"-p", "--process"}, paramLabel = "TYPE",
            description = "Only one process type (web) or process (web.1); platform events about it are included.")
    String process;

    @Option(names = {"-s", "--source"}, paramLabel = "SOURCE", description = "Only app, platform or router lines.")
    String source;

    @Option(names = {"-f", "--tail"}, description = "Keep printing new lines until interrupted (Ctrl-C).")
    boolean follow;

    @Option(names = "--json", description = "One JSON object per line.")
    boolean json;

    @Override
    public Integer call() throws InterruptedException {
        if (lines < 1) {
            throw new UserError("-n must be at least 1, not " + lines + ".");
        }
        String path = "/v1/apps/" + ApiClient.segment(app.resolve(git())) + "/logs?" + filters();
        ApiClient api = api();
        LogPage page = api.get(path + "n=" + lines, LogPage.class);
        print(page);
        if (!follow) {
            return 0;
        }
        long cursor = page.cursor();
        long failingSince = 0;
        Duration pause = Duration.ofMillis(500);
        while (!Thread.currentThread().isInterrupted()) {
            try {
                page = api.get(path + "after=" + cursor + "&wait=" + WAIT_SECONDS, LogPage.class);
                if (failingSince != 0) {
                    err().println("--- reconnected");
                    failingSince = 0;
                    pause = Duration.ofMillis(500);
                }
                print(page);
                cursor = page.cursor();
            } catch (ApiException e) {
                if (e.status() != ApiException.NO_RESPONSE && e.status() < 500) {
                    throw e;
                }
                long now = System.nanoTime();
                if (failingSince == 0) {
                    failingSince = now;
                    err().println("--- lost the controller (" + e.getMessage() + "); reconnecting...");
                } else if (now - failingSince > GIVE_UP_AFTER.toNanos()) {
                    throw new UserError("Gave up following: the controller has been unreachable for "
                            + GIVE_UP_AFTER.toMinutes() + " minutes.");
                }
                Thread.sleep(pause.toMillis());
                pause = pause.multipliedBy(2).compareTo(Duration.ofSeconds(5)) > 0 ? Duration.ofSeconds(5) : pause.multipliedBy(2);
            }
        }
        return 0;
    }

    private String filters() {
        StringBuilder query = new StringBuilder();
        if (process != null) {
            query.append("process=").append(ApiClient.segment(process)).append('&');
        }
        if (source != null) {
            query.append("source=").append(ApiClient.segment(source)).append('&');
        }
        return query.toString();
    }

    private void print(LogPage page) {
        PrintWriter out = out();
        for (LogLine line : page.lines()) {
            out.println(json ? toJson(line) : format(line));
        }
        out.flush();
    }

    /** Heroku's shape: {@code 2026-11-22T10:20:00.123Z app[web.1]: text}. */
    static String format(LogLine line) {
        String time = line.time() == null ? "-" : DateTimeFormatter.ISO_INSTANT.format(line.time().truncatedTo(ChronoUnit.MILLIS));
        return time + " " + line.source() + "[" + line.process() + "]: " + line.text();
    }

    private static String toJson(LogLine line) {
        try {
            return Json.mapper().writeValueAsString(line);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
