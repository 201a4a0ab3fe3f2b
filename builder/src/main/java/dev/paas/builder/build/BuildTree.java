package dev.paas.builder.build;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * A directory that a build wrote (the app, the cache), read by the builder, which runs as root on the host:
 * every link in it was made by untrusted code. Nothing here lets the operating system follow a link: each path
 * component is looked at without following links, a link is resolved by hand and only while it stays inside the
 * directory, and a file is opened with {@link LinkOption#NOFOLLOW_LINKS}. Errors name the file as the app sees it
 * and never what a link points at nor what a file holds.
 *
 * <p>Checks and reads are separate system calls, so the build's container must be stopped before its tree is read
 * back (see {@code BuildContainer#stop}): nothing can then swap a file for a link in between.
 */
public final class BuildTree {

    /** The usual bound of a file the builder reads back: a Procfile or a layer request is a few lines. */
    public static final int MAX_FILE_BYTES = 64 * 1024;

    /** As many as Linux follows before it gives up (ELOOP). */
    private static final int MAX_LINKS = 40;

    private final Path root;
    private final String label;

    /**
     * @param root  the directory, which the builder made and trusts itself (the build cannot replace it)
     * @param label what it is, for messages: "the app", "the build cache"
     */
    public BuildTree(Path root, String label) throws IOException {
        this.root = realOrAbsent(root);
        this.label = label;
    }

    /** A root not made yet holds nothing: every walk then ends at once. */
    private static Path realOrAbsent(Path root) throws IOException {
        try {
            return root.toRealPath();
        } catch (NoSuchFileException notYet) {
            return root.toAbsolutePath().normalize();
        }
    }

    /** How a walk treats a link it meets on the way. */
    private enum Links { RESOLVE_INSIDE, REFUSE }

    /** Where a walk ended: a path with no link in it, and what it is. */
    private record Found(Path path, BasicFileAttributes attributes) {
    }

    /**
     * The text of a regular file, links followed only while they stay inside.
     *
     * @param name     relative to the root, as the app names it ({@code .paas/dependency-layer})
     * @return empty when there is no such file
     * @throws BuildFailedException when the name leads outside, is not a regular file, holds more than
     *                              {@code maxBytes} or is not UTF-8
     */
    public Optional<String> readText(String name, int maxBytes) throws BuildFailedException, IOException {
        Optional<Path> file = regularFile(name);
        if (file.isEmpty()) {
            return Optional.empty();
        }
        byte[] bytes = read(file.get(), name, maxBytes);
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString());
        } catch (CharacterCodingException e) {
            throw new BuildFailedException(name + " is not UTF-8 text.");
        }
    }

    /**
     * The path of a regular file with no link left in it (links resolved inside), for the caller to read or delete.
     *
     * @return empty when there is no such file
     */
    public Optional<Path> regularFile(String name) throws BuildFailedException, IOException {
        Found found = walk(name, Links.RESOLVE_INSIDE);
        if (found == null) {
            return Optional.empty();
        }
        if (!found.attributes().isRegularFile()) {
            throw new BuildFailedException(name + " in " + label + " is " + kind(found.attributes())
                    + ", not a regular file.");
        }
        return Optional.of(found.path());
    }

    /**
     * A real directory reached without any link on the way: what it holds is shipped as it is (an image layer),
     * so even a link that stays inside is refused rather than resolved.
     *
     * @return empty when there is no such directory
     */
    public Optional<Path> directory(String name) throws BuildFailedException, IOException {
        Found found = walk(name, Links.REFUSE);
        if (found == null) {
            return Optional.empty();
        }
        if (!found.attributes().isDirectory()) {
            throw new BuildFailedException(name + " in " + label + " is " + kind(found.attributes())
                    + ", not a directory.");
        }
        return Optional.of(found.path());
    }

    /** Whether the name, links resolved inside, ends at something inside (false when it leads out or nowhere). */
    public boolean leadsInside(String name) throws IOException {
        try {
            return walk(name, Links.RESOLVE_INSIDE) != null;
        } catch (BuildFailedException outsideOrLoop) {
            return false;
        }
    }

    /** Whether anything is at the name, a link anywhere on the way counting as something (it is never followed). */
    public boolean has(String name) throws IOException {
        try {
            return walk(name, Links.REFUSE) != null;
        } catch (BuildFailedException linkOrOutside) {
            return true;
        }
    }

    /** Null when nothing is there; a file met where the name goes on below it also means nothing is there. */
    private Found walk(String name, Links links) throws BuildFailedException, IOException {
        Deque<String> rest = new ArrayDeque<>();
        if (!pushFront(rest, name)) {
            throw outside(name);
        }
        Path at = root;
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(root, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException noRoot) {
            return null;
        }
        int followed = 0;
        while (!rest.isEmpty()) {
            String segment = rest.pop();
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (!attributes.isDirectory()) {
                return null;
            }
            if (segment.equals("..")) {
                // "at" has no link in it, so its lexical parent is its real one.
                if (at.equals(root)) {
                    throw outside(name);
                }
                at = at.getParent();
                attributes = Files.readAttributes(at, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                continue;
            }
            Path next = at.resolve(segment);
            try {
                attributes = Files.readAttributes(next, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            } catch (NoSuchFileException gone) {
                return null;
            }
            if (!attributes.isSymbolicLink()) {
                at = next;
                continue;
            }
            if (links == Links.REFUSE) {
                throw new BuildFailedException(name + " in " + label + " is, or goes through, a link: "
                        + "the builder takes only what is really in " + label + ".");
            }
            if (++followed > MAX_LINKS) {
                throw new BuildFailedException(name + " in " + label + " goes through too many links.");
            }
            if (!pushFront(rest, Files.readSymbolicLink(next).toString())) {
                throw outside(name);
            }
            attributes = Files.readAttributes(at, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        }
        return new Found(at, attributes);
    }

    /** Puts a relative path's segments in front; false for an absolute one, which leads outside by definition. */
    private static boolean pushFront(Deque<String> rest, String path) {
        if (path.startsWith("/")) {
            return false;
        }
        String[] segments = path.split("/", -1);
        for (int i = segments.length - 1; i >= 0; i--) {
            rest.push(segments[i]);
        }
        return true;
    }

    private static byte[] read(Path file, String name, int maxBytes) throws BuildFailedException, IOException {
        try (SeekableByteChannel channel = Files.newByteChannel(file, StandardOpenOption.READ,
                LinkOption.NOFOLLOW_LINKS)) {
            // One byte more than allowed tells a file over the bound from one exactly at it.
            ByteBuffer buffer = ByteBuffer.allocate(maxBytes + 1);
            while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
                // reads until full or at the end
            }
            if (!buffer.hasRemaining()) {
                throw new BuildFailedException(name + " is larger than " + size(maxBytes) + ": the builder reads"
                        + " at most that much of it.");
            }
            byte[] bytes = new byte[buffer.position()];
            buffer.flip().get(bytes);
            return bytes;
        } catch (FileSystemException swappedForALink) {
            throw new BuildFailedException(name + " changed while the builder read it.");
        }
    }

    private BuildFailedException outside(String name) {
        return new BuildFailedException(name + " leads outside " + label + " (through a link or '..'):"
                + " the builder never follows it.");
    }

    private static String kind(BasicFileAttributes attributes) {
        return attributes.isDirectory() ? "a directory" : attributes.isSymbolicLink() ? "a link"
                : "a special file (a device, FIFO or socket)";
    }

    private static String size(int bytes) {
        return bytes % 1024 == 0 ? bytes / 1024 + " KiB" : bytes + " bytes";
    }
}
