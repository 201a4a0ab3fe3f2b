package dev.paas.builder.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceExporterTest {

    @TempDir
    Path dir;

    private final List<String> log = new ArrayList<>();

    @Test
    void writesFilesWithTheirModesAndKeepsSymlinksInsideTheApp() throws Exception {
        Path app = export(repo -> repo.tree()
                .file("app.py", "print('hi')\n")
                .executable("bin/start", "#!/bin/sh\nexec python3 app.py\n")
                .file("static/css/site.css", "body {}\n")
                .symlink("main.py", "app.py")
                .symlink("bin/app.py", "../app.py")
                .symlink("assets", "static")
                .commit());

        assertThat(app.resolve("app.py")).hasContent("print('hi')");
        assertThat(app.resolve("static/css/site.css")).hasContent("body {}");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(app.resolve("bin/start"))))
                .isEqualTo("rwxr-xr-x");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(app.resolve("app.py"))))
                .isEqualTo("rw-r--r--");
        assertThat(Files.readSymbolicLink(app.resolve("main.py"))).isEqualTo(Path.of("app.py"));
        assertThat(Files.readSymbolicLink(app.resolve("bin/app.py"))).isEqualTo(Path.of("../app.py"));
        assertThat(app.resolve("assets/css/site.css")).hasContent("body {}");
        assertThat(log).isEmpty();
    }

    @Test
    void dropsSymlinksThatLeaveTheAppOrPointNowhere() throws Exception {
        Path app = export(repo -> repo.tree()
                .file("app.py", "")
                .symlink("passwd", "/etc/passwd")
                .symlink("up", "../..")
                .symlink("sub/escape", "../../outside")
                .symlink("gone", "missing.txt")
                .symlink("via", "up/etc")
                .commit());

        for (String link : List.of("passwd", "up", "sub/escape", "gone", "via")) {
            assertThat(Files.exists(app.resolve(link), LinkOption.NOFOLLOW_LINKS)).as(link).isFalse();
        }
        assertThat(log).contains(
                " !     Skipped symlink passwd -> /etc/passwd: it does not point to a file inside the app",
                " !     Skipped symlink gone -> missing.txt: it does not point to a file inside the app")
                .hasSize(5);
    }

    /** A crafted tree can hold both a link and a directory of the same name: nothing is written through the link. */
    @Test
    void neverWritesThroughALinkOfTheTree() throws Exception {
        Path outside = Files.createDirectories(dir.resolve("outside"));

        assertThatThrownBy(() -> export(repo -> {
            try (var inserter = repo.repository.newObjectInserter()) {
                var conf = new org.eclipse.jgit.lib.TreeFormatter();
                conf.append("planted", FileMode.REGULAR_FILE, inserter.insert(Constants.OBJ_BLOB, "by the pusher".getBytes()));
                var root = new org.eclipse.jgit.lib.TreeFormatter();
                root.append("conf", FileMode.SYMLINK, inserter.insert(Constants.OBJ_BLOB, outside.toString().getBytes()));
                root.append("conf", FileMode.TREE, inserter.insert(conf));
                ObjectId tree = inserter.insert(root);
                inserter.flush();
                return tree;
            }
        })).isInstanceOf(java.io.IOException.class);
        assertThat(outside).isEmptyDirectory();
    }

    @Test
    void skipsSubmodules() throws Exception {
        Path app = export(repo -> repo.tree()
                .file("app.py", "")
                .submodule("vendor/lib")
                .commit());

        assertThat(app.resolve("vendor/lib")).doesNotExist();
        assertThat(log).containsExactly(" !     Skipped submodule vendor/lib: submodules are not part of the build");
    }

    /** A build container may have the directory mounted already: it is filled, never replaced. */
    @Test
    void fillsAnEmptyDirectoryAndRefusesOneWithFilesIn() throws Exception {
        Path app = Files.createDirectories(dir.resolve("export/app"));
        Object inode = Files.readAttributes(app, java.nio.file.attribute.BasicFileAttributes.class).fileKey();

        export(repo -> repo.tree().file("app.py", "print()").commit());

        assertThat(app.resolve("app.py")).hasContent("print()");
        assertThat(Files.readAttributes(app, java.nio.file.attribute.BasicFileAttributes.class).fileKey())
                .isEqualTo(inode);
        try (TestRepo repo = TestRepo.create(dir.resolve("other.git"))) {
            ObjectId other = repo.tree().file("other.py", "").commit();
            assertThatThrownBy(() -> new SourceExporter().export(repo.repository, other, app, log::add))
                    .isInstanceOf(java.io.IOException.class).hasMessageContaining("is not empty");
        }
    }

    private Path export(CommitMaker commit) throws Exception {
        try (TestRepo repo = TestRepo.create(dir.resolve("repo.git"))) {
            ObjectId id = commit.make(repo);
            Path app = dir.resolve("export/app");
            new SourceExporter().export(repo.repository, id, app, log::add);
            return app;
        }
    }

    private interface CommitMaker {
        ObjectId make(TestRepo repo) throws Exception;
    }
}
