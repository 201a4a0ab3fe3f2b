package dev.paas.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real browser (headless chromium through Selenium) against a whole platform: sign in, open
 * an app, set a config var and see the new release, scale web to 2 and see two processes, see a scale made with the cli appear without a reload, roll back, and see a
 * log line arrive live; a bad key and a failed rollout come back as one readable line. A failing step leaves a screenshot in e2e/target/screenshots/DashboardIT/.
 */
@ExtendWith(SharedCluster.class)
@ResourceLock(value = SharedCluster.PARTS, mode = ResourceAccessMode.READ)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class DashboardIT {

    static final String APP = "dash-" + UUID.randomUUID().toString().substring(0, 6);
    /** A change returns once its rollout is done; generous, as other builds may share the two cores. */
    static final Duration ROLLOUT = Duration.ofMinutes(3);

    Cluster cluster;
    User user;
    SampleApp app;
    Browser browser;

    @RegisterExtension
    final ScreenshotOnFailure screenshots = new ScreenshotOnFailure(() -> browser);

    @BeforeAll
    void deployAnApp() throws Exception {
        cluster = SharedCluster.cluster();
        user = User.loggedIn(cluster);
        app = SampleApp.create(user, APP);
        Shell.Result pushed = app.push();
        assertThat(pushed.exit()).as(pushed.all()).isZero();
        browser = Browser.open(1280, 900, cluster.logs.resolve("chromedriver.log"));
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    @Order(1)
    void signsInAndListsTheAppWithItsStateReleaseAndUrl() {
        browser.driver.get(cluster.api() + "/apps/" + APP);
        assertThat(browser.driver.getCurrentUrl()).endsWith("/login");

        browser.submitSignIn("admin", "not the password");
        until(Duration.ofSeconds(30), d -> text(By.cssSelector(".error")).contains("Wrong username or password."));

        browser.submitSignIn("admin", Cluster.ADMIN_PASSWORD);
        // back where it was going, now signed in
        browser.waitFor(Duration.ofSeconds(30), By.id("app-name"));
        browser.driver.findElement(By.linkText("Apps")).click();
        browser.waitFor(Duration.ofSeconds(30), By.id("apps"));
    }

    @Test
    @Order(2)
    void opensTheApp() {
        WebElement row = browser.driver.findElement(By.cssSelector("#apps tr[data-app='" + APP + "']"));
        assertThat(row.getText()).contains(APP, "up", "v1", "http://" + APP + ".localhost:" + cluster.routerPort);
        row.findElement(By.linkText(APP)).click();
        browser.waitFor(Duration.ofSeconds(30), By.id("app-name"));
        assertThat(text(By.id("app-name"))).isEqualTo(APP);
        assertThat(processes()).containsExactly("web.1=up");
        assertThat(text(By.cssSelector("form[data-type='web'] .limits"))).isEqualTo("256 MB, shared CPU (default)");
        assertThat(text(By.id("releases"))).contains("v1 (current)");
        assertThat(text(By.id("builds-section"))).contains("succeeded");
    }

    @Test
    @Order(3)
    void setsAConfigVarAndShowsTheNewRelease() {
        type(By.id("config-key"), "GREETING");
        type(By.id("config-value"), "Howdy");
        browser.driver.findElement(By.cssSelector("#config-add button")).click();
        until(ROLLOUT, d -> text(By.cssSelector(".notice")).contains("Set GREETING: release v2 is live."));
        assertThat(topRelease()).contains("v2 (current)", "Set GREETING");
        assertThat(browser.driver.findElement(By.cssSelector(".config-var[data-key='GREETING'] textarea"))
                .getAttribute("value")).isEqualTo("Howdy");
        assertThat(app.curl()).startsWith("Howdy from web.1");
    }

    @Test
    @Order(4)
    void aBadKeyIsOneReadableLineAndWhatWasTypedStays() {
        type(By.id("config-key"), "BAD KEY");
        type(By.id("config-value"), "typed with care");
        browser.driver.findElement(By.cssSelector("#config-add button")).click();
        until(Duration.ofSeconds(30), d -> text(By.cssSelector(".error")).contains("Config var name 'BAD KEY' is invalid"));
        assertThat(browser.driver.findElement(By.id("config-key")).getAttribute("value")).isEqualTo("BAD KEY");
        assertThat(browser.driver.findElement(By.id("config-value")).getAttribute("value")).isEqualTo("typed with care");
        assertThat(topRelease()).contains("v2 (current)");
    }

    @Test
    @Order(5)
    void scalesWebToTwoAndShowsTwoProcesses() {
        WebElement count = browser.driver.findElement(By.cssSelector("form[data-type='web'] input[name='count']"));
        count.clear();
        count.sendKeys("2");
        browser.driver.findElement(By.cssSelector("form[data-type='web'] button")).click();
        until(ROLLOUT, d -> text(By.cssSelector(".notice")).contains("Scaled web to 2."));
        assertThat(processes()).containsExactly("web.1=up", "web.2=up");
    }

    @Test
    @Order(6)
    void showsProcessesScaledElsewhereWithoutAReload() {
        Object marker = ((JavascriptExecutor) browser.driver).executeScript("return window.paasPageMarker = 'same page'");
        app.okPaas(null, "scale", "web=1");
        until(ROLLOUT, d -> processes().equals(List.of("web.1=up")));
        assertThat(((JavascriptExecutor) browser.driver).executeScript("return window.paasPageMarker")).isEqualTo(marker);

        // Limits set with the cli show beside the type's scale form.
        app.okPaas(null, "limits:set", "web=200M", "--cpu", "web=0.5");
        browser.driver.navigate().refresh();
        until(ROLLOUT, d -> text(By.cssSelector("form[data-type='web'] .limits"))
                .equals("200 MB, 0.5 CPU (set for the app)"));
    }

    @Test
    @Order(7)
    void rollsBackToTheFirstRelease() {
        browser.driver.findElement(By.cssSelector("button[data-rollback='1']")).click();
        until(ROLLOUT, d -> text(By.cssSelector(".notice")).contains("Rolled back to v1: release v3 is live."));
        assertThat(topRelease()).contains("v3 (current)", "Rollback to v1");
        assertThat(browser.driver.findElements(By.cssSelector(".config-var[data-key='GREETING']"))).isEmpty();
        assertThat(app.curl()).startsWith("Hello from web.");
    }

    @Test
    @Order(8)
    void aFailedRolloutIsOneReadableLineAndThePreviousReleaseKeepsServing() {
        type(By.id("config-key"), "CRASH");
        type(By.id("config-value"), "1");
        browser.driver.findElement(By.cssSelector("#config-add button")).click();
        until(ROLLOUT, d -> text(By.cssSelector(".error")).contains("Set CRASH: v4 failed: "));
        assertThat(text(By.cssSelector(".error"))).matches("Set CRASH: v4 failed: [^;]+; the previous release keeps serving\\.");
        assertThat(browser.driver.findElement(By.id("config-value")).getAttribute("value")).isEqualTo("1");
        assertThat(text(By.cssSelector("#releases tr[data-version='4']"))).contains("failed");
        assertThat(text(By.id("app-release"))).isEqualTo("v3");
        assertThat(app.curl()).startsWith("Hello from web.");
    }

    @Test
    @Order(9)
    void showsALogLineLive() {
        until(Duration.ofSeconds(30), d -> text(By.id("live-status")).equals("live"));
        // Platform events from before the page opened are there already...
        assertThat(text(By.id("live-log"))).contains("Release v1 created by admin");
        // ...and a request made now arrives as the router's access line while the page stays open.
        String path = "/live-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(cluster.curl(APP, path).out()).endsWith("200");
        until(Duration.ofSeconds(60), d -> text(By.id("live-log")).contains("path=\"" + path + "\""));
    }

    @Test
    @Order(10)
    void showsABuildsLog() {
        browser.driver.findElement(By.cssSelector("#builds-section a")).click();
        browser.waitFor(Duration.ofSeconds(30), By.id("build-log"));
        assertThat(text(By.id("build-log"))).contains("Python");
        browser.driver.navigate().back();
        browser.waitFor(Duration.ofSeconds(30), By.id("app-name"));
    }

    @Test
    @Order(11)
    void fitsAPhoneScreenWithoutSidewaysScrolling() {
        browser.driver.manage().window().setSize(new Dimension(390, 844));
        browser.driver.navigate().refresh();
        browser.waitFor(Duration.ofSeconds(30), By.id("app-name"));
        Object overflow = ((JavascriptExecutor) browser.driver).executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
        assertThat(((Number) overflow).intValue()).isLessThanOrEqualTo(0);
        browser.fitHeightToPage();
        browser.screenshot(ScreenshotOnFailure.DIR.resolve("DashboardIT/app-page-phone.png"));
    }

    @Test
    @Order(12)
    void signsOut() {
        browser.driver.findElement(By.id("sign-out")).click();
        until(Duration.ofSeconds(30), d -> d.getCurrentUrl().contains("/login?signed-out"));
        browser.driver.get(cluster.api() + "/apps/" + APP);
        assertThat(browser.driver.getCurrentUrl()).endsWith("/login");
    }

    private List<String> processes() {
        return browser.driver.findElements(By.cssSelector("#processes tr[data-process]")).stream()
                .map(row -> row.getAttribute("data-process") + "=" + row.getAttribute("data-state")).toList();
    }

    private String topRelease() {
        return browser.driver.findElement(By.cssSelector("#releases tbody tr")).getText();
    }

    private String text(By element) {
        List<WebElement> found = browser.driver.findElements(element);
        return found.isEmpty() ? "" : found.get(0).getText();
    }

    private void type(By element, String value) {
        WebElement input = browser.driver.findElement(element);
        input.clear();
        input.sendKeys(value);
    }

    private void until(Duration timeout, Function<WebDriver, Boolean> condition) {
        new WebDriverWait(browser.driver, timeout).ignoring(StaleElementReferenceException.class).until(condition);
    }
}
