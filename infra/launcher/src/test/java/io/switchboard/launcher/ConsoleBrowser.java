package io.switchboard.launcher;

import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.htmlunit.HtmlUnitDriver;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Locale;

/**
 * The browser the console's tests drive: HtmlUnit (pure Java, JavaScript on) by default, Debian's headless Chromium
 * with {@code SWITCHBOARD_BROWSER=chromium} ({@code /usr/bin/chromium} and {@code /usr/bin/chromedriver}, or
 * {@code SWITCHBOARD_CHROMIUM} / {@code SWITCHBOARD_CHROMEDRIVER}). Asked for Chromium and it is missing, the tests
 * fail: a run that was meant to use a real browser must not pass without one. In Chromium every page visited can be
 * kept as a screenshot under {@code target/console-screenshots/}.
 */
final class ConsoleBrowser {
    static final Path SCREENSHOTS = Path.of("target", "console-screenshots");

    private ConsoleBrowser() {
    }

    static boolean chromium() {
        return "chromium".equals(System.getenv().getOrDefault("SWITCHBOARD_BROWSER", "htmlunit")
                .toLowerCase(Locale.ROOT));
    }

    static WebDriver open() {
        if (!chromium()) {
            HtmlUnitDriver driver = new HtmlUnitDriver(true);
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
            return driver;
        }
        File browser = new File(System.getenv().getOrDefault("SWITCHBOARD_CHROMIUM", "/usr/bin/chromium"));
        File chromedriver = new File(System.getenv().getOrDefault("SWITCHBOARD_CHROMEDRIVER", "/usr/bin/chromedriver"));
        if (!browser.canExecute() || !chromedriver.canExecute()) {
            throw new IllegalStateException("SWITCHBOARD_BROWSER=chromium, but " + browser + " or " + chromedriver
                    + " is missing: apt-get install chromium chromium-driver");
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(browser);
        // --no-sandbox: CI runs as root, where Chromium's sandbox cannot start.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1440,1000", "--lang=en");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(chromedriver)
                .usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    /** Keeps what the browser shows as {@code target/console-screenshots/<name>.png} (Chromium only). */
    static void screenshot(WebDriver driver, String name) {
        if (!(driver instanceof TakesScreenshot camera) || driver instanceof HtmlUnitDriver) {
            return;
        }
        try {
            Files.createDirectories(SCREENSHOTS);
            Files.copy(camera.getScreenshotAs(OutputType.FILE).toPath(), SCREENSHOTS.resolve(name + ".png"),
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
