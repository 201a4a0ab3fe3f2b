package dev.paas.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless chromium driven by Debian's chromedriver through Selenium. Both paths are given explicitly
 * ({@code PAAS_CHROMIUM}, {@code PAAS_CHROMEDRIVER} to move them), so Selenium Manager is never asked to find
 * or download a driver or a browser.
 */
final class Browser implements AutoCloseable {

    static final String CHROMIUM = System.getenv().getOrDefault("PAAS_CHROMIUM", "/usr/bin/chromium");
    static final String CHROMEDRIVER = System.getenv().getOrDefault("PAAS_CHROMEDRIVER", "/usr/bin/chromedriver");

    /**
     * Selenium warns that it has no DevTools (CDP) support for this chromium version; nothing here uses CDP. Held
     * in a field, since java.util.logging keeps loggers only weakly.
     */
    private static final java.util.logging.Logger CDP_WARNINGS = quiet("org.openqa.selenium.devtools");
    private static final java.util.logging.Logger CDP_LOOKUP = quiet("org.openqa.selenium.chromium.ChromiumDriver");

    final ChromeDriver driver;
    private final Path profile;

    private Browser(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /** A new headless browser with its own empty profile, its window {@code width} x {@code height} CSS pixels. */
    static Browser open(int width, int height, Path driverLog) throws IOException {
        for (String binary : new String[] {CHROMIUM, CHROMEDRIVER}) {
            if (!Files.isExecutable(Path.of(binary))) {
                throw new IllegalStateException(binary + " is missing: install Debian's chromium and chromium-driver "
                        + "(deploy/lib/install.sh does)");
            }
        }
        Files.createDirectories(driverLog.getParent());
        Path profile = Files.createTempDirectory("paas-chromium");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of(CHROMEDRIVER).toFile())
                .usingAnyFreePort()
                .withLogFile(driverLog.toFile())
                .build();
        ChromeOptions options = new ChromeOptions()
                .setBinary(CHROMIUM)
                // no-sandbox: the tests run as root, where chromium's sandbox refuses to start
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                        "--no-first-run", "--disable-extensions", "--user-data-dir=" + profile,
                        "--window-size=" + width + "," + height);
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofMinutes(4));
        return new Browser(driver, profile);
    }

    /** Opens the dashboard (which asks to sign in) and signs in; returns once the apps list shows. */
    void signIn(String dashboard, String user, String password) {
        driver.get(dashboard);
        submitSignIn(user, password);
        waitFor(Duration.ofSeconds(30), By.id("sign-out"));
    }

    /** Fills in and sends the sign-in form the browser shows. */
    void submitSignIn(String user, String password) {
        waitFor(Duration.ofSeconds(30), By.id("sign-in"));
        driver.findElement(By.name("username")).clear();
        driver.findElement(By.name("username")).sendKeys(user);
        driver.findElement(By.name("password")).sendKeys(password);
        driver.findElement(By.id("sign-in")).click();
    }

    void waitFor(Duration timeout, By element) {
        new WebDriverWait(driver, timeout).until(ExpectedConditions.presenceOfElementLocated(element));
    }

    /** Makes the window as tall as the page, so a screenshot holds all of it. */
    void fitHeightToPage() {
        long height = (Long) ((JavascriptExecutor) driver).executeScript(
                "return Math.ceil(document.documentElement.scrollHeight)");
        Dimension size = driver.manage().window().getSize();
        driver.manage().window().setSize(new Dimension(size.getWidth(), (int) Math.min(height + 120, 8000)));
    }

    Path screenshot(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path taken = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
            return Files.move(taken, file, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static java.util.logging.Logger quiet(String name) {
        java.util.logging.Logger logger = java.util.logging.Logger.getLogger(name);
        logger.setLevel(java.util.logging.Level.SEVERE);
        return logger;
    }

    @Override
    public void close() {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a leftover temporary profile is harmless
        }
    }
}
