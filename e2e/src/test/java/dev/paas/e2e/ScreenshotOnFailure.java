package dev.paas.e2e;

import java.nio.file.Path;
import java.util.function.Supplier;

import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Saves what the browser showed when a test failed, to e2e/target/screenshots/CLASS/METHOD.png (right after the
 * test method, before any clean-up runs).
 */
final class ScreenshotOnFailure implements AfterTestExecutionCallback {

    static final Path DIR = Cluster.ROOT.resolve("e2e/target/screenshots");

    private final Supplier<Browser> browser;

    ScreenshotOnFailure(Supplier<Browser> browser) {
        this.browser = browser;
    }

    @Override
    public void afterTestExecution(ExtensionContext context) {
        Browser open = browser.get();
        if (context.getExecutionException().isEmpty() || open == null) {
            return;
        }
        Path file = DIR.resolve(context.getRequiredTestClass().getSimpleName())
                .resolve(context.getRequiredTestMethod().getName() + ".png");
        try {
            open.screenshot(file);
            System.err.println("Screenshot of the failure: " + file + " (page: " + open.driver.getCurrentUrl() + ")");
        } catch (RuntimeException e) {
            System.err.println("Could not save a screenshot: " + e);
        }
    }
}
