package dev.paas.builder.buildpack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;

/** ENV_DIR as Heroku defines it: one file per config var, named after it, holding its value. */
final class EnvDir {

    /** A name that is also a safe file name; config:set accepts only such names anyway. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private EnvDir() {
    }

    static Path write(Path dir, Map<String, String> config) throws IOException {
        Files.createDirectories(dir);
        for (Map.Entry<String, String> var : config.entrySet()) {
            if (NAME.matcher(var.getKey()).matches()) {
                Files.writeString(dir.resolve(var.getKey()), var.getValue(), StandardCharsets.UTF_8);
            }
        }
        return dir;
    }
}
