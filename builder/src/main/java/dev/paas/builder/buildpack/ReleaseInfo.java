package dev.paas.builder.buildpack;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What bin/release prints: YAML with {@code default_process_types} (and {@code addons}, {@code config_vars},
 * which this platform ignores), plus {@code run_image}, this platform's extension naming the local image the
 * slug runs on. Only the flat two-level shape buildpacks actually print is read, so no YAML library is needed.
 *
 * @param runImage null when the buildpack does not say
 */
public record ReleaseInfo(Map<String, String> defaultProcessTypes, String runImage) {

    /** What bin/release may print: a few lines in practice. */
    public static final int MAX_BYTES = 64 * 1024;

    private static final Pattern IMAGE = Pattern.compile("[a-z0-9][a-z0-9._/-]*(:[A-Za-z0-9._-]+)?");
    private static final Pattern PROCESS = Pattern.compile("[A-Za-z0-9_-]+");

    /** @throws IllegalArgumentException when it is longer than {@link #MAX_BYTES} */
    public static ReleaseInfo parse(String yaml) {
        if (yaml.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw new IllegalArgumentException("bin/release printed more than " + MAX_BYTES / 1024
                    + " KiB of release info");
        }
        Map<String, String> processes = new LinkedHashMap<>();
        String runImage = null;
        String section = "";
        for (String line : yaml.split("\\R")) {
            if (line.isBlank() || line.startsWith("---") || line.strip().startsWith("#")) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String key = line.substring(0, colon).strip();
            String value = unquote(line.substring(colon + 1).strip());
            if (!Character.isWhitespace(line.charAt(0))) {
                section = key;
                if (key.equals("run_image") && IMAGE.matcher(value).matches()) {
                    runImage = value;
                }
            } else if (section.equals("default_process_types") && PROCESS.matcher(key).matches() && !value.isEmpty()) {
                processes.put(key, value);
            }
        }
        return new ReleaseInfo(Collections.unmodifiableMap(processes), runImage);
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
                || value.startsWith("'") && value.endsWith("'"))) {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }
}
