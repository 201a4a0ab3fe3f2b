package dev.paas.cli;

import dev.paas.api.HttpsRequest;
import dev.paas.api.HttpsView;
import dev.paas.cli.http.ApiClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "certs:hsts", mixinStandardHelpOptions = true,
        description = "on: HTTPS answers carry Strict-Transport-Security (a year), so browsers use only HTTPS for the"
                + " app's names afterwards. off: they do not (browsers keep what they saw until it expires).")
final class CertsHstsCommand extends PaasCommand {

    @Mixin
    AppOption app;

    @Parameters(paramLabel = "on|off")
    String state;

    @Override
    public Integer call() {
        return set(this, app, new HttpsRequest(null, onOff(state)), "HSTS");
    }

    static boolean onOff(String state) {
        if ("on".equals(state)) {
            return true;
        }
        if ("off".equals(state)) {
            return false;
        }
        throw new UserError("'" + state + "' is neither on nor off.");
    }

    static int set(PaasCommand command, AppOption app, HttpsRequest request, String what) {
        String name = app.resolve(command.git());
        ApiClient api = command.api();
        boolean on = request.redirect() != null ? request.redirect() : request.hsts();
        Progress progress = Progress.start(command.out(), what + " " + (on ? "on" : "off") + " for " + name);
        HttpsView view = progress.step(() -> api.put("/v1/apps/" + ApiClient.segment(name) + "/https", request,
                HttpsView.class));
        progress.done();
        CertLines.https(command.out(), view);
        return 0;
    }
}
