package dev.paas.controller.run;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.paas.api.RunOutput;
import dev.paas.api.RunRequest;
import dev.paas.builder.build.LocalDocker;
import dev.paas.builder.build.RunSandbox;
import dev.paas.controller.access.AppAccess;
import dev.paas.controller.app.App;
import dev.paas.controller.event.PlatformEvents;
import dev.paas.controller.release.Release;
import dev.paas.controller.release.ReleaseRepository;
import dev.paas.controller.user.User;
import dev.paas.controller.web.ApiException;
import dev.paas.controller.web.CurrentUser;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /v1/apps/{app}/run}: answers newline-delimited {@link RunOutput} as the process writes, then its
 * exit code. Written straight to the response (not async), so no request timeout cuts a long process short.
 */
@RestController
class RunController {

    private final AppAccess access;
    private final ReleaseRepository releases;
    private final TransactionTemplate tx;
    private final PlatformEvents events;
    private final ObjectMapper json;
    private final AtomicInteger runs = new AtomicInteger();
    private final RunSandbox sandbox;
    private OneOffRunner runner;

    /** A one-off gets the memory of one of the app's containers and the pids limit of the agents' default. */
    RunController(AppAccess access, ReleaseRepository releases, TransactionTemplate tx, PlatformEvents events,
                  ObjectMapper json, @Value("${paas.container-memory-mb:256}") int memoryMb,
                  @Value("${paas.run-pids-limit:512}") long pidsLimit) {
        this.sandbox = RunSandbox.defaults().withMemoryMb(memoryMb).withPidsLimit(pidsLimit);
        this.access = access;
        this.releases = releases;
        this.tx = tx;
        this.events = events;
        this.json = json;
    }

    @PostMapping("/v1/apps/{app}/run")
    void run(@PathVariable String app, @RequestBody RunRequest body, HttpServletRequest request,
             HttpServletResponse response) throws IOException, InterruptedException {
        if (body == null || body.command() == null || body.command().isEmpty()) {
            throw ApiException.badRequest("Give a command to run: paas run -a APP -- CMD ARGS");
        }
        User user = CurrentUser.of(request);
        String process = "run." + runs.incrementAndGet();
        OneOffProcess oneOff = tx.execute(status -> find(app, user, process, body));
        events.emit(app, process, oneOff.release(), "Starting " + process + " by " + user.getUsername() + ": "
                + String.join(" ", body.command()));
        int code;
        try {
            // The content type is set with the first output: an error before that is answered as JSON.
            code = runner().run(oneOff, (stream, text) -> write(response, new RunOutput(stream, text, null)));
        } catch (OneOffRunner.CannotStart e) {
            events.emit(app, process, oneOff.release(), e.getMessage());
            throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, e.getMessage() + ".");
        }
        write(response, new RunOutput(null, null, code));
        events.emit(app, process, oneOff.release(), process + " exited with status " + code);
    }

    private OneOffProcess find(String name, User user, String process, RunRequest body) {
        App app = access.find(name, user);
        Release release = releases.current(app.getId())
                .orElseThrow(() -> ApiException.conflict("App '" + name + "' has no release yet: deploy it with git push first."));
        Map<String, String> env = new LinkedHashMap<>(release.getConfig());
        env.put("PORT", Integer.toString(release.getBuild().getPort()));
        env.put("PAAS_APP", name);
        env.put("PAAS_RELEASE", "v" + release.getVersion());
        env.put("PAAS_PROCESS", process);
        return new OneOffProcess(name, release.getVersion(), release.getBuild().getImage(), env, body.command());
    }

    private synchronized OneOffRunner runner() {
        if (runner == null) {
            runner = new OneOffRunner(LocalDocker.connect(), sandbox);
        }
        return runner;
    }

    private void write(HttpServletResponse response, RunOutput line) {
        try {
            synchronized (response) {
                if (response.getContentType() == null) {
                    response.setContentType("application/x-ndjson");
                }
                OutputStream out = response.getOutputStream();
                out.write(json.writeValueAsBytes(line));
                out.write('\n');
                out.flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the cli went away", e);
        }
    }
}
