package dev.paas.cli;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** For command tests: a fresh {@link FakeController} per test and the real cli, logged in to it, in a temp home. */
abstract class LoggedInCliTest {

    @TempDir
    Path temp;

    FakeController controller;
    CliRunner cli;

    @BeforeEach
    void startControllerAndLogIn() throws Exception {
        controller = new FakeController();
        cli = new CliRunner(temp).loggedIn(controller.url());
    }

    @AfterEach
    void stopController() {
        controller.close();
    }
}
