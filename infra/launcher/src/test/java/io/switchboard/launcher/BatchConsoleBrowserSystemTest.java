package io.switchboard.launcher;

import io.switchboard.orchestrator.api.security.ApiProperties;
import io.switchboard.orchestrator.batches.BatchStatus;
import io.switchboard.orchestrator.batches.BatchView;
import io.switchboard.orchestrator.batches.ItemStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Batches in the console, in a browser over the running system: a dry run's page lists what each organization would
 * do, the list links to it, and cancelling it after the confirmation skips what was not started. HtmlUnit by default,
 * headless Chromium with SWITCHBOARD_BROWSER=chromium, like {@link ConsoleBrowserSystemTest}.
 */
@Tag("browser")
class BatchConsoleBrowserSystemTest extends SharedSystemTest {
    private static final Duration PAGE_TIMEOUT = Duration.ofSeconds(30);
    private WebDriver browser;

    @BeforeEach
    void openBrowser() {
        browser = ConsoleBrowser.open();
    }

    @AfterEach
    void closeBrowser() {
        browser.quit();
    }

    @Test
    void aDryRunsPageListsEachOrganizationsPlanAndCancellingItSkipsThem() {
        String orgId = SystemClient.newOrgId("Consolebatch");
        client.approve(orgId, "Consolebatch", "510");
        assertThat(client.awaitSagaEnded(orgId, Duration.ofSeconds(60)).state()).isEqualTo("COMPLETED");
        String unknown = orgId + "-unknown";
        BatchView planned = new BatchClient(lines).create("{\"kind\":\"inbound-ai-off\",\"orgIds\":[\"" + orgId + "\",\""
                + unknown + "\"],\"dryRun\":true,\"createdBy\":\"console test\"}");

        signIn();
        follow(browser.findElement(By.linkText("Batches")));
        follow(browser.findElement(By.linkText(planned.id().toString())));
        assertThat(browser.findElement(By.id("batch-status")).getText()).isEqualTo("PLANNED");
        assertThat(browser.findElement(By.id("count-PENDING")).getText()).isEqualTo("1");
        assertThat(browser.findElement(By.id("count-SKIPPED")).getText()).isEqualTo("1");
        assertThat(browser.findElement(By.id("item-" + orgId)).getText()).contains("PENDING", "start inbound-ai-off");
        assertThat(browser.findElement(By.id("item-" + unknown)).getText()).contains("SKIPPED", "no AI setup");
        assertThat(browser.findElement(By.id("resume")).getText()).isEqualTo("Run this plan");
        ConsoleBrowser.screenshot(browser, "batch-dry-run");

        follow(browser.findElement(By.id("cancel")));
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("skips the 1 organization(s) not started");
        follow(browser.findElement(By.id("confirm")));
        assertThat(browser.findElement(By.id("batch-status")).getText()).isEqualTo("CANCELLED");
        assertThat(browser.findElement(By.id("item-" + orgId)).getText()).contains("SKIPPED", "cancelled");
        assertThat(browser.findElements(By.id("resume"))).isEmpty();
        assertThat(new BatchClient(lines).get(planned.id()).status()).isEqualTo(BatchStatus.CANCELLED);
        assertThat(new BatchClient(lines).get(planned.id()).counts().get(ItemStatus.SKIPPED)).isEqualTo(2);
        assertThat(client.status(orgId).status()).as("nothing was started").isEqualTo("active");

        follow(browser.findElement(By.linkText("SKIPPED".toLowerCase())));
        assertThat(browser.findElements(By.cssSelector("#items tbody tr"))).hasSize(2);
    }

    private void signIn() {
        browser.get(system.orchestratorUrl() + "/console/sign-in");
        browser.findElement(By.id("token")).sendKeys(ApiProperties.DEV_OPS_TOKEN);
        follow(browser.findElement(By.cssSelector("main form button[type=submit]")));
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.manage().getCookieNamed("SB_CONSOLE") != null
                && !browser.getCurrentUrl().contains("/console/sign-in"));
    }

    /** Clicks what leads to another page and waits until that page is shown (see ConsoleBrowserSystemTest). */
    private void follow(WebElement target) {
        ((JavascriptExecutor) browser).executeScript("window.sbLeaving = true;");
        target.click();
        await().atMost(PAGE_TIMEOUT).ignoreExceptions().until(() -> Boolean.FALSE.equals(
                ((JavascriptExecutor) browser).executeScript("return window.sbLeaving === true;")));
    }
}
