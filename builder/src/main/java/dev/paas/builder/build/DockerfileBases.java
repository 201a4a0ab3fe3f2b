package dev.paas.builder.build;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The images a Dockerfile starts from or copies out of ({@code FROM}, {@code COPY --from}, {@code RUN --mount=from=}),
 * checked before the build: each must be one of the platform's stack images, one of the app's own images
 * (its repository in the cluster registry), or on the admin's allow-list; another app's image is refused by name.
 * A stage's name or index is always allowed. Build arguments in these names are resolved from the defaults of
 * the {@code ARG}s before the first {@code FROM} (the builder passes none); one without a default is refused.
 */
final class DockerfileBases {

    private static final Pattern ESCAPE = Pattern.compile("#\\s*escape\\s*=\\s*([\\\\`])\\s*", Pattern.CASE_INSENSITIVE);
    private static final Pattern INSTRUCTION = Pattern.compile("\\s*([A-Za-z]+)(?:\\s+(.*))?", Pattern.DOTALL);
    private static final Pattern VARIABLE = Pattern.compile("\\$(?:\\{([A-Za-z_][A-Za-z0-9_]*)(?::?[-+][^}]*)?}|([A-Za-z_][A-Za-z0-9_]*))");
    private static final Pattern FROM_FLAG = Pattern.compile("--from=(\\S+)", Pattern.CASE_INSENSITIVE);
    private static final Pattern MOUNT_FROM = Pattern.compile("--mount=\\S*?\\bfrom=([^,\\s]+)", Pattern.CASE_INSENSITIVE);

    private final Set<String> allowed;
    private final String appRepository;
    private final String registry;

    /**
     * @param image the image this build makes, e.g. {@code 127.0.0.1:5000/hello:v3}: its repository is the app's
     * @param allowedBases the admin's allow-list, added to {@link BuildLimits#STACK_IMAGES}
     */
    DockerfileBases(String image, List<String> allowedBases) {
        this.appRepository = repository(image);
        int slash = appRepository.indexOf('/');
        this.registry = slash < 0 ? "" : appRepository.substring(0, slash + 1);
        this.allowed = new HashSet<>();
        BuildLimits.STACK_IMAGES.forEach(name -> allowed.add(normal(name)));
        allowedBases.forEach(name -> allowed.add(normal(name)));
    }

    /** @throws BuildFailedException naming the first image the Dockerfile may not use, and why */
    void check(String dockerfile) throws BuildFailedException {
        Map<String, String> args = new HashMap<>();
        List<String> stages = new ArrayList<>();
        boolean fromSeen = false;
        for (String instruction : instructions(dockerfile)) {
            Matcher m = INSTRUCTION.matcher(instruction);
            if (!m.matches()) {
                continue;
            }
            String keyword = m.group(1).toUpperCase(Locale.ROOT);
            String rest = m.group(2) == null ? "" : m.group(2).strip();
            if (keyword.equals("ARG") && !fromSeen) {
                for (String word : rest.split("\\s+")) {
                    int eq = word.indexOf('=');
                    args.put(eq < 0 ? word : word.substring(0, eq), eq < 0 ? null : unquote(word.substring(eq + 1)));
                }
            } else if (keyword.equals("FROM")) {
                fromSeen = true;
                List<String> words = new ArrayList<>(List.of(rest.split("\\s+")));
                words.removeIf(word -> word.startsWith("--"));
                if (words.isEmpty()) {
                    throw new BuildFailedException("The Dockerfile has a FROM without an image.");
                }
                String image = resolve(words.get(0), args, "FROM");
                refuseUnlessAllowed(image, stages, "FROM");
                stages.add(words.size() >= 3 && words.get(1).equalsIgnoreCase("AS")
                        ? words.get(2).toLowerCase(Locale.ROOT) : "");
            } else if (keyword.equals("COPY") || keyword.equals("ADD")) {
                Matcher from = FROM_FLAG.matcher(rest);
                if (from.lookingAt() || from.find()) {
                    refuseUnlessAllowed(resolve(from.group(1), args, keyword + " --from"), stages, keyword + " --from");
                }
            } else if (keyword.equals("RUN")) {
                Matcher mount = MOUNT_FROM.matcher(rest);
                while (mount.find()) {
                    refuseUnlessAllowed(resolve(mount.group(1), args, "RUN --mount"), stages, "RUN --mount from");
                }
            }
        }
    }

    private void refuseUnlessAllowed(String image, List<String> stages, String where) throws BuildFailedException {
        String name = image.toLowerCase(Locale.ROOT);
        if (stages.contains(name) || name.matches("\\d+") && Integer.parseInt(name) < stages.size()) {
            return;
        }
        String normal = normal(image);
        if (allowed.contains(normal) || repository(normal).equals(appRepository)) {
            return;
        }
        if (!registry.isEmpty() && normal.startsWith(registry) || normal.startsWith(BuildpackBuilder.DEPENDENCY_REPOSITORY)) {
            throw new BuildFailedException(where + " " + image + " is another app's image: a Dockerfile may start"
                    + " from the platform's stack images, this app's own images and the images an admin allows"
                    + " (paas.dockerfile.allowed-bases).");
        }
        throw new BuildFailedException(where + " " + image + " is not an image this platform builds from: use one"
                + " of " + String.join(", ", BuildLimits.STACK_IMAGES) + ", this app's own images, or ask an admin"
                + " to allow it (paas.dockerfile.allowed-bases).");
    }

    private static String resolve(String word, Map<String, String> args, String where) throws BuildFailedException {
        Matcher m = VARIABLE.matcher(word);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1) != null ? m.group(1) : m.group(2);
            String value = args.get(name);
            if (value == null) {
                throw new BuildFailedException("The Dockerfile's " + where + " uses $" + name + ", which has no"
                        + " default in an ARG before the first FROM: name the image itself.");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Docker's short names: {@code docker.io/library/debian:bookworm} is {@code debian:bookworm}. */
    static String normal(String image) {
        String name = image.toLowerCase(Locale.ROOT);
        int at = name.indexOf('@');
        name = at < 0 ? name : name.substring(0, at);
        for (String prefix : List.of("docker.io/", "index.docker.io/", "registry-1.docker.io/")) {
            if (name.startsWith(prefix)) {
                name = name.substring(prefix.length());
            }
        }
        if (name.startsWith("library/")) {
            name = name.substring("library/".length());
        }
        return repository(name).equals(name) && !name.equals("scratch") ? name + ":latest" : name;
    }

    /** The name without its tag: the colon after the last slash, if any. */
    static String repository(String image) {
        int slash = image.lastIndexOf('/');
        int colon = image.indexOf(':', slash + 1);
        return colon < 0 ? image : image.substring(0, colon);
    }

    private static String unquote(String value) {
        return value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
                || value.startsWith("'") && value.endsWith("'")) ? value.substring(1, value.length() - 1) : value;
    }

    /** The instructions, continuation lines joined, comments dropped, honouring an {@code # escape=} directive. */
    static List<String> instructions(String dockerfile) {
        List<String> lines = dockerfile.lines().toList();
        char escape = '\\';
        for (String line : lines) {
            Matcher directive = ESCAPE.matcher(line);
            if (directive.matches()) {
                escape = directive.group(1).charAt(0);
                break;
            }
            if (!line.strip().startsWith("#") || line.isBlank()) {
                break;
            }
        }
        List<String> instructions = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : lines) {
            String stripped = line.strip();
            if (stripped.startsWith("#")) {
                continue;
            }
            if (stripped.endsWith(String.valueOf(escape))) {
                current.append(stripped, 0, stripped.length() - 1).append(' ');
                continue;
            }
            current.append(stripped);
            if (!current.toString().isBlank()) {
                instructions.add(current.toString());
            }
            current.setLength(0);
        }
        if (!current.toString().isBlank()) {
            instructions.add(current.toString());
        }
        return instructions;
    }
}
