package dev.paas.controller.cert;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import javax.net.ssl.SSLContext;

import dev.paas.api.PemTrust;
import dev.paas.api.RouteTable;
import org.shredzone.acme4j.AccountBuilder;
import org.shredzone.acme4j.Authorization;
import org.shredzone.acme4j.Login;
import org.shredzone.acme4j.Order;
import org.shredzone.acme4j.Problem;
import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.Status;
import org.shredzone.acme4j.challenge.Http01Challenge;
import org.shredzone.acme4j.connector.HttpConnector;
import org.shredzone.acme4j.connector.NetworkSettings;
import org.shredzone.acme4j.exception.AcmeException;
import org.shredzone.acme4j.provider.GenericAcmeProvider;
import org.shredzone.acme4j.util.KeyPairUtils;

/**
 * One certificate from an ACME server with HTTP-01, through acme4j: the account (made on first use, found again by
 * its key after), the order, the challenges (put where the routers answer them by {@link Challenges}, then
 * triggered), the finalisation with a fresh P-256 key, the chain. The HTTP client trusts the CA file when one is
 * configured, else the JVM's trust store. Every wait is bounded.
 */
final class AcmeClient {

    static final Duration VALIDATION_TIMEOUT = Duration.ofSeconds(60);

    /** Where the challenges' answers go while the ACME server validates them. */
    interface Challenges {
        /** Returns once every router of the app serves them. */
        void publish(List<RouteTable.AcmeChallenge> challenges) throws IOException, InterruptedException;

        void withdraw();
    }

    /** A chain (PEM, server certificate first) and its private key (PKCS#8 PEM). */
    record Issued(String chainPem, String keyPem) {
        @Override
        public String toString() {
            return "Issued[chain]";
        }
    }

    private final Session session;

    AcmeClient(String directory, Path caFile) throws IOException, GeneralSecurityException {
        SSLContext ssl = caFile == null ? null : PemTrust.context(caFile);
        this.session = new Session(URI.create(directory), new GenericAcmeProvider() {
            @Override
            protected HttpConnector createHttpConnector(NetworkSettings settings) {
                return new HttpConnector(settings) {
                    @Override
                    public HttpClient.Builder createClientBuilder() {
                        HttpClient.Builder builder = super.createClientBuilder();
                        return ssl == null ? builder : builder.sslContext(ssl);
                    }
                };
            }
        });
    }

    static String newAccountKey() {
        try {
            StringWriter out = new StringWriter();
            KeyPairUtils.writeKeyPair(KeyPairUtils.createECKeyPair("secp256r1"), out);
            return out.toString();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot write a new ACME account key", e);
        }
    }

    Issued issue(String accountKeyPem, List<String> domains, Challenges challenges)
            throws AcmeException, IOException, InterruptedException {
        KeyPair accountKey = KeyPairUtils.readKeyPair(new StringReader(accountKeyPem));
        Login login = new AccountBuilder().agreeToTermsOfService().useKeyPair(accountKey).createLogin(session);
        Order order = login.getAccount().newOrder().domains(domains).create();
        List<RouteTable.AcmeChallenge> answers = new ArrayList<>();
        List<Http01Challenge> pending = new ArrayList<>();
        for (Authorization authorization : order.getAuthorizations()) {
            if (authorization.getStatus() == Status.VALID) {
                continue;
            }
            String domain = authorization.getIdentifier().getDomain();
            Http01Challenge challenge = authorization.findChallenge(Http01Challenge.class).orElseThrow(() ->
                    new AcmeException("the ACME server offers no HTTP-01 challenge for " + domain));
            answers.add(new RouteTable.AcmeChallenge(domain, challenge.getToken(), challenge.getAuthorization()));
            pending.add(challenge);
        }
        if (!pending.isEmpty()) {
            try {
                challenges.publish(answers);
                for (Http01Challenge challenge : pending) {
                    challenge.trigger();
                }
                for (int i = 0; i < pending.size(); i++) {
                    Http01Challenge challenge = pending.get(i);
                    Status status = challenge.waitForCompletion(VALIDATION_TIMEOUT);
                    if (status != Status.VALID) {
                        throw new AcmeException("validation of " + answers.get(i).domain() + " failed: "
                                + challenge.getError().map(AcmeClient::describe).orElse("status " + status));
                    }
                }
            } finally {
                challenges.withdraw();
            }
        }
        KeyPair domainKey = KeyPairUtils.createECKeyPair("secp256r1");
        order.execute(domainKey);
        Status status = order.waitForCompletion(VALIDATION_TIMEOUT);
        if (status != Status.VALID) {
            throw new AcmeException("the order was not completed: " + order.getError().map(AcmeClient::describe)
                    .orElse("status " + status));
        }
        StringWriter chain = new StringWriter();
        order.getCertificate().writeCertificate(chain);
        String key = "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(domainKey.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n";
        return new Issued(chain.toString(), key);
    }

    /** The server's own words, bounded: an ACME problem's detail names the domain and what the server saw. */
    static String describe(Problem problem) {
        String text = problem.getDetail().orElse(problem.getTitle().orElse(String.valueOf(problem.getType())));
        return text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }
}
