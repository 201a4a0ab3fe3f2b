package dev.paas.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A screenshot of a running platform's dashboard app page: signs in as a user in headless chromium, opens the app
 * (the first in the list when none is named), lets the live log connect, and saves the whole page as PNG.
 * Run by deploy/screenshot, which gives it the password file of the platform's admin.
 *
 * <pre>DashboardScreenshot URL USER PASSWORD_FILE APP|"" OUT.png WIDTH</pre>
 */
final class DashboardScreenshot {

    private DashboardScreenshot() {
    }

    /** What stops the screenshot, in one line for the person who asked for it. */
    private static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message);
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 6) {
            System.err.println("usage: DashboardScreenshot URL USER PASSWORD_FILE APP|\"\" OUT.png WIDTH");
            System.exit(2);
        }
        try {
            System.out.println(take(args));
        } catch (Refused e) {
            System.err.println(e.getMessage());
            System.exit(1);
        }
    }

    private static Path take(String[] args) throws Exception {
        String url = args[0].replaceAll("/+$", "");
        String password = Files.readString(Path.of(args[2])).strip();
        Path out = Path.of(args[4]).toAbsolutePath();
        int width = Integer.parseInt(args[5]);
        try (Browser browser = Browser.open(width, 900, Path.of(System.getProperty("java.io.tmpdir"), "paas-screenshot-chromedriver.log"))) {
            browser.driver.get(url + "/");
            browser.submitSignIn(args[1], password);
            new WebDriverWait(browser.driver, Duration.ofSeconds(30)).until(d ->
                    !d.findElements(By.id("sign-out")).isEmpty() || !d.findElements(By.cssSelector(".error")).isEmpty());
            if (browser.driver.findElements(By.id("sign-out")).isEmpty()) {
                fail("could not sign in to " + url + " as " + args[1] + ": " + browser.driver.findElement(By.cssSelector(".error")).getText());
            }
            String app = args[3];
            if (app.isEmpty()) {
                List<WebElement> rows = browser.driver.findElements(By.cssSelector("#apps tr[data-app]"));
                if (rows.isEmpty()) {
                    fail("no apps on " + url + " yet: push one first (see README's hello world)");
                }
                app = rows.get(0).getAttribute("data-app");
            }
            browser.driver.get(url + "/apps/" + app);
            if (browser.driver.findElements(By.id("app-name")).isEmpty()) {
                List<WebElement> error = browser.driver.findElements(By.cssSelector(".error"));
                fail(error.isEmpty() ? "no app page for '" + app + "' at " + browser.driver.getCurrentUrl()
                        : error.get(0).getText());
            }
            try {
                new WebDriverWait(browser.driver, Duration.ofSeconds(10))
                        .until(d -> d.findElement(By.id("live-status")).getText().equals("live"));
                Thread.sleep(1000); // the last lines render right after the stream opens
            } catch (org.openqa.selenium.TimeoutException e) {
                System.err.println("(the live log did not connect within 10 s; taking the screenshot anyway)");
            }
            browser.fitHeightToPage();
            return browser.screenshot(out);
        }
    }

    private static void fail(String message) {
        throw new Refused(message);
    }
}
