package dev.paas.cli;

import java.util.List;

import dev.paas.api.AutoCertView;
import dev.paas.api.CertView;
import dev.paas.api.HttpsView;
import dev.paas.cli.http.ApiClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "certs", mixinStandardHelpOptions = true,
        description = "List an app's TLS certificates, the host names each serves, its HTTPS settings and its automatic"
                + " certificates' state.")
final class CertsCommand extends PaasCommand {

    @Mixin
    AppOption app;

    @Mixin
    JsonOption json;

    @Override
    public Integer call() {
        String name = app.resolve(git());
        ApiClient api = api();
        List<CertView> certs = api.getList("/v1/apps/" + ApiClient.segment(name) + "/certs", CertView.class);
        if (json.print(out(), certs)) {
            return 0;
        }
        if (certs.isEmpty()) {
            out().println(name + " has no certificate of its own: add one with 'paas certs:add CERT.pem KEY.pem'."
                    + " Its default name uses the platform's certificate, if the platform has one.");
        } else {
            Table table = new Table("FOR", "NAMES", "SERVES", "EXPIRES", "ISSUER");
            certs.forEach(c -> table.row(c.domain() == null ? "(app)" : c.domain(), String.join(",", c.names()),
                    c.serves().isEmpty() ? "-" : String.join(",", c.serves()),
                    c.notAfter() + CertLines.expiry(c.notAfter()), c.issuer()));
            table.print(out());
        }
        CertLines.https(out(), api.get("/v1/apps/" + ApiClient.segment(name) + "/https", HttpsView.class));
        CertLines.auto(out(), api.get("/v1/apps/" + ApiClient.segment(name) + "/certs/auto", AutoCertView.class));
        return 0;
    }
}
