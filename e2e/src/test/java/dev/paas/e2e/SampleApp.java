package dev.paas.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * A Python app in a git checkout, logged in and pushed by the real cli and git: answers
 * "$GREETING from $PAAS_PROCESS" (GREETING defaults to Hello), exits at once when CRASH is set, and answers
 * /health with 500 when SICK is set: that is how the tests make releases that never become healthy. The one
 * instance named by CRASH_PROCESS (e.g. web.2) serves for a second, then exits: a crash loop.
 */
final class SampleApp {

    final User user;
    final String name;
    final Path dir;

    private SampleApp(User user, String name, Path dir) {
        this.user = user;
        this.name = name;
        this.dir = dir;
    }

    /** Created, with its git checkout, by a logged-in user ({@link User#loggedIn}). */
    static SampleApp create(User user, String name) throws IOException {
        return create(user, name, new String[0]);
    }

    /** {@link #create}s {@code <prefix>-<6 random characters>} and pushes it; the push must succeed. */
    static SampleApp deployed(User user, String prefix) throws IOException {
        SampleApp app = create(user, prefix + "-" + UUID.randomUUID().toString().substring(0, 6));
        Shell.Result push = app.push();
        assertThat(push.exit()).as(push.all()).isZero();
        return app;
    }

    /** A second app for the same logged-in user, e.g. {@code another("edge-app", "--formation", "edge")}. */
    SampleApp another(String name, String... createOptions) throws IOException {
        return create(user, name, createOptions);
    }

    private static SampleApp create(User user, String name, String... createOptions) throws IOException {
        Path dir = Files.createDirectories(user.work.resolve(name));
        SampleApp app = new SampleApp(user, name, dir);
        Files.writeString(dir.resolve("Procfile"), "web: python3 app.py\n");
        Files.writeString(dir.resolve("requirements.txt"), "");
        Files.writeString(dir.resolve("app.py"), """
                import http.server, os, sys, threading

                if os.environ.get("CRASH"):
                    sys.exit("CRASH is set: exiting")
                if os.environ.get("CRASH_PROCESS") == os.environ["PAAS_PROCESS"]:
                    print("crash loop: %s exits in a second" % os.environ["PAAS_PROCESS"], flush=True)
                    threading.Timer(1.0, lambda: os._exit(3)).start()
                greeting = os.environ.get("GREETING", "Hello")

                class Hello(http.server.BaseHTTPRequestHandler):
                    def do_GET(self):
                        body = ("%s from %s\\n" % (greeting, os.environ["PAAS_PROCESS"])).encode()
                        self.send_response(500 if self.path == "/health" and os.environ.get("SICK") else 200)
                        self.send_header("Content-Length", str(len(body)))
                        self.end_headers()
                        self.wfile.write(body)

                    def log_message(self, *args):
                        pass

                http.server.ThreadingHTTPServer(("0.0.0.0", int(os.environ["PORT"])), Hello).serve_forever()
                """);
        Shell.ok(dir, app.user.git, "git", "init", "-q", "-b", "master");
        Shell.ok(dir, app.user.git, "git", "add", "-A");
        Shell.ok(dir, app.user.git, "git", "commit", "-q", "-m", "init");
        String[] create = new String[createOptions.length + 2];
        create[0] = "create";
        create[1] = name;
        System.arraycopy(createOptions, 0, create, 2, createOptions.length);
        app.okPaas(null, create);
        return app;
    }

    Shell.Result push() {
        return Shell.run(dir, user.git, "git", "push", "paas", "master");
    }

    Shell.Result paas(String... args) {
        return user.paas(dir, null, args);
    }

    Shell.Result okPaas(String stdin, String... args) {
        Shell.Result result = user.paas(dir, stdin, args);
        if (result.exit() != 0) {
            throw new AssertionError("paas " + String.join(" ", args) + " failed: " + result.all());
        }
        return result;
    }

    /** The body and status of GET / through nginx, e.g. "Hello from web.1\n200". */
    String curl() {
        return user.cluster.curl(name).out();
    }
}
