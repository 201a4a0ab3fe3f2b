package dev.paas.router.nginx;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import dev.paas.api.TlsMaterial;

/**
 * The certificates nginx serves, as files in {@code certs/} of the router's directory: {@code ID.pem} (the chain) and
 * {@code ID.key}, where ID is the server certificate's SHA-256 fingerprint. The directory is mode 0700 and the key
 * files 0600 from their creation (written aside, then renamed into place): only the router's user (root, when
 * deployed) reads them, and nginx's master loads them before it forks the workers (nobody). What the controller
 * sends is checked before it is written: PEM blocks only, and a chain whose first certificate has the fingerprint
 * asked for. Nothing of a key is logged.
 */
final class CertFiles {

    static final Pattern ID = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern CHAIN = Pattern.compile(
            "(-----BEGIN CERTIFICATE-----\n[A-Za-z0-9+/=\n]{1,65536}-----END CERTIFICATE-----\n?){1,8}");
    private static final Pattern KEY = Pattern.compile(
            "-----BEGIN PRIVATE KEY-----\n[A-Za-z0-9+/=\n]{1,16384}-----END PRIVATE KEY-----\n?");
    private static final Set<PosixFilePermission> OWNER_ONLY_DIR = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");

    private final Path dir;
    private final CertificateSource source;

    CertFiles(Path nginxDir, CertificateSource source) {
        this.dir = nginxDir.resolve("certs");
        this.source = source;
    }

    Path dir() {
        return dir;
    }

    /**
     * Makes sure the files of each id are there, fetching the missing ones.
     *
     * @param problems one line per certificate that could not be had (it is then left out, not fatal)
     * @return the ids whose files are there
     */
    Set<String> ensure(Collection<String> ids, List<String> problems) throws IOException, InterruptedException {
        prepareDirectory();
        Set<String> available = new LinkedHashSet<>();
        for (String id : ids) {
            if (!ID.matcher(id).matches()) {
                problems.add("certificate id '" + id + "' is not a SHA-256 fingerprint");
                continue;
            }
            if (Files.exists(key(id)) && Files.exists(chain(id))) {
                available.add(id);
                continue;
            }
            try {
                write(id, source.fetch(id));
                available.add(id);
            } catch (IOException e) {
                problems.add("certificate " + id + ": " + e.getMessage());
            }
        }
        return available;
    }

    /** Deletes the files of every certificate not in {@code keep}, once nginx no longer uses them. */
    void keepOnly(Set<String> keep) throws IOException {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                String id = name.replaceFirst("\\.(pem|key)$", "");
                if (!keep.contains(id)) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    Path chain(String id) {
        return dir.resolve(id + ".pem");
    }

    Path key(String id) {
        return dir.resolve(id + ".key");
    }

    private void write(String id, TlsMaterial material) throws IOException {
        if (material == null || material.certificate() == null || material.privateKey() == null
                || !CHAIN.matcher(material.certificate()).matches() || !KEY.matcher(material.privateKey()).matches()) {
            throw new IOException("the controller's answer is not a PEM chain and a PEM (PKCS#8) private key");
        }
        if (!id.equals(fingerprint(material.certificate()))) {
            throw new IOException("the chain's first certificate does not have the fingerprint asked for");
        }
        // The key first: nginx -t never sees a chain without its key.
        place(key(id), material.privateKey());
        place(chain(id), material.certificate());
    }

    private void place(Path target, String text) throws IOException {
        Path next = Files.createTempFile(dir, target.getFileName().toString(), ".next",
                PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE));
        try {
            Files.writeString(next, text, StandardCharsets.US_ASCII);
            try (FileChannel channel = FileChannel.open(next, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            Files.move(next, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(next);
        }
    }

    private static String fingerprint(String chain) throws IOException {
        try {
            var cert = CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(chain.getBytes(StandardCharsets.US_ASCII)));
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(cert.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IOException("the chain does not parse: " + e.getMessage(), e);
        }
    }

    /** 0700, set again every time, as the control directory: the umask or someone else may have widened it. */
    private void prepareDirectory() throws IOException {
        try {
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIR));
        } catch (FileAlreadyExistsException exists) {
            if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                throw new IOException(dir + " is not a directory", exists);
            }
        }
        Files.setPosixFilePermissions(dir, OWNER_ONLY_DIR);
    }
}
