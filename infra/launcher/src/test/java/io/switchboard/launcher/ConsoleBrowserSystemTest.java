package io.switchboard.launcher;

import io.switchboard.contracts.wire.Topics;
import io.switchboard.orchestrator.api.SagaResponse;
import io.switchboard.orchestrator.api.security.ApiProperties;
import io.switchboard.sim.common.FaultRule;
import io.switchboard.sim.twilio.IncomingNumber;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The ops console in a browser, over the whole running system (real broker, database, simulators, workers): an ops
 * person finds a saga parked by a provider fault, reads its timeline, replays it after a confirmation and watches it
 * finish on the same page; finds a dead letter, reads it whole and redrives it; an organization's token sees its own
 * organization and nothing of another's. HtmlUnit by default, headless Chromium with SWITCHBOARD_BROWSER=chromium
 * ({@code .ci/run} runs this class a second time that way, tagged "browser"), screenshots kept there.
 */
@Tag("browser")
class ConsoleBrowserSystemTest {
    private static final Duration SAGA_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration PAGE_TIMEOUT = Duration.ofSeconds(30);
    private static SwitchboardSystem system;
    private static SystemClient client;
    private static String base;
    private final HttpClient http = HttpClient.newHttpClient();
    private WebDriver browser;

    @BeforeAll
    static void start() {
        system = RunningSystem.get();
        client = new SystemClient(system.stack().kafka().bootstrapServers(), system::orchestratorUrl);
        base = system.orchestratorUrl();
    }

    @AfterAll
    static void closeClient() {
        client.close();
    }

    @BeforeEach
    void openBrowser() {
        browser = ConsoleBrowser.open();
    }

    @AfterEach
    void closeBrowserAndClearFaults() {
        browser.quit();
        system.twilio().faults().clear();
        system.vapi().faults().clear();
    }

    @Test
    void aFailedSagaIsFoundReadAndReplayedAndThePageFollowsItToTheEnd() throws Exception {
        // VAPI rejects the registration, then deleting the assistants: the compensation parks the saga as FAILED.
        system.vapi().faults().add(FaultRule.forOperation("PhoneNumberController_create").always().fail(400));
        system.vapi().faults().add(FaultRule.forOperation("AssistantController_remove").always().fail(400));
        String orgId = SystemClient.newOrgId("Consolereplay");
        client.approve(orgId, "Consolereplay", "510");
        SagaResponse failed = client.awaitSagaEnded(orgId, SAGA_TIMEOUT);
        assertThat(failed.state()).isEqualTo("FAILED");

        signIn(ApiProperties.DEV_OPS_TOKEN);
        Cookie session = browser.manage().getCookieNamed("SB_CONSOLE");
        assertThat(session).isNotNull();
        assertThat(session.isHttpOnly()).isTrue();
        assertThat(session.getPath()).isEqualTo("/console");

        // The list, filtered to the failed sagas of this organization.
        browser.get(base + "/console/sagas");
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("state"))).selectByValue("FAILED");
        browser.findElement(By.id("orgId")).sendKeys(orgId);
        follow(browser.findElement(By.cssSelector("form.filters button[type=submit]")));
        WebElement row = browser.findElement(By.cssSelector("tr[data-saga-id='" + failed.id() + "']"));
        assertThat(row.getText()).contains("FAILED").contains("create-outbound-assistant (compensation)");
        assertThat(browser.findElements(By.cssSelector("tbody tr"))).hasSize(1);
        ConsoleBrowser.screenshot(browser, "sagas-list");

        // The saga: facts, the timeline with a bar per step and compensation, each step's error and data.
        follow(row.findElement(By.linkText(failed.id())));
        assertThat(browser.findElement(By.id("saga-state")).getText()).isEqualTo("FAILED");
        assertThat(browser.findElement(By.id("failure-reason")).getText()).isEqualTo(failed.failureReason());
        List<WebElement> bars = browser.findElements(By.cssSelector("svg.timeline rect.bar"));
        assertThat(bars).hasSize(failed.steps().size());
        assertThat(browser.findElements(By.cssSelector("svg.timeline rect.bar.status-FAILED"))).isNotEmpty();
        WebElement register = browser.findElement(By.cssSelector("tr[data-step='register-number'][data-direction='ACTION']"));
        assertThat(register.getText()).contains("FAILED");
        assertThat(browser.getPageSource()).contains("acquire-number").contains("numberSid")
                .doesNotContain(ApiProperties.DEV_OPS_TOKEN);
        ConsoleBrowser.screenshot(browser, "saga-failed");

        // A POST without the form's CSRF value is refused, with the session cookie and all.
        HttpResponse<String> forged = http.send(HttpRequest.newBuilder(URI.create(base + "/console/sagas/"
                        + failed.id() + "/replay")).header("Cookie", "SB_CONSOLE=" + session.getValue())
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(client.saga(failed.id()).state()).isEqualTo("FAILED");

        // Live updates: the saga's event stream, as the page's script reads it.
        List<String> stream = new CopyOnWriteArrayList<>();
        CompletableFuture<HttpResponse<Stream<String>>> events = http.sendAsync(HttpRequest.newBuilder(
                        URI.create(base + "/console/sagas/" + failed.id() + "/events"))
                .header("Cookie", "SB_CONSOLE=" + session.getValue()).header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.ofLines());
        events.thenAccept(response -> response.body().forEach(stream::add));
        try {
            await().atMost(PAGE_TIMEOUT).until(() -> stream.contains("event:ready"));

            // Replay: a confirmation page with the dry run first, then the saga page follows it without a reload.
            system.vapi().faults().clear();
            follow(browser.findElement(By.id("replay")));
            assertThat(browser.findElement(By.id("preview")).getText()).contains("would resume from");
            assertThat(client.saga(failed.id()).state()).isEqualTo("FAILED");
            ConsoleBrowser.screenshot(browser, "saga-replay-confirm");
            follow(browser.findElement(By.id("confirm")));
            assertThat(browser.findElement(By.cssSelector("p.done")).getText()).contains("Replay started");
            await().atMost(SAGA_TIMEOUT).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                    .until(() -> browser.findElement(By.id("saga-state")).getText(), "COMPENSATED"::equals);
            assertThat(browser.findElement(By.cssSelector("p.done")).getText()).contains("Replay started");
            assertThat(browser.findElements(By.id("replay"))).isEmpty();
            if (ConsoleBrowser.chromium()) {
                // A real browser followed the saga over the event stream, not by the polling fallback (HtmlUnit's).
                await().atMost(PAGE_TIMEOUT).ignoreExceptions().until(() -> browser.findElement(By.id("live-status"))
                        .getText(), text -> text.startsWith("Live: SagaCompensated"));
            }
            assertThat(client.saga(failed.id()).state()).isEqualTo("COMPENSATED");
            await().atMost(PAGE_TIMEOUT).until(() -> stream.stream().anyMatch(l -> l.startsWith("data:SagaCompensated")));
        } finally {
            events.thenAccept(response -> response.body().close());
        }
        ConsoleBrowser.screenshot(browser, "saga-replayed");
    }

    @Test
    void aDeadLetterIsReadWholeAndRedrivenAfterADryRun() throws Exception {
        String orgId = SystemClient.newOrgId("consoledlq");
        String body = "{not json, said " + orgId + " at length: " + "x".repeat(300) + "}";
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, system.stack().kafka().bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
            producer.send(new ProducerRecord<>(Topics.ORG_EVENTS, orgId, body.getBytes(StandardCharsets.UTF_8))).get();
        }
        signIn(ApiProperties.DEV_OPS_TOKEN);
        By letter = By.cssSelector("article.letter[data-key='" + orgId + "']");
        await().atMost(PAGE_TIMEOUT).pollInterval(Duration.ofMillis(500)).until(() -> {
            browser.get(base + "/console/dead-letters?topic=" + Topics.ORG_EVENTS);
            return !browser.findElements(letter).isEmpty();
        });
        List<java.time.Instant> times = browser.findElements(By.cssSelector("article.letter")).stream()
                .map(a -> java.time.Instant.parse(a.getAttribute("data-time"))).toList();
        assertThat(times).as("newest first").isSortedAccordingTo(java.util.Comparator.reverseOrder());
        WebElement article = browser.findElement(letter);
        String position = article.getAttribute("data-position");
        article.findElement(By.tagName("summary")).click();
        assertThat(article.findElement(By.cssSelector(".reason-full")).getText()).isNotBlank();
        assertThat(article.findElement(By.tagName("pre")).getText()).as("the whole body").isEqualTo(body);
        assertThat(article.findElement(By.cssSelector("table.headers")).getText()).contains("sb_dlq_reason")
                .contains("sb_dlq_original_topic");
        ConsoleBrowser.screenshot(browser, "dead-letters");

        follow(article.findElement(By.cssSelector("a.redrive")));
        assertThat(browser.findElement(By.id("preview")).getText()).contains(position).contains(Topics.ORG_EVENTS);
        ConsoleBrowser.screenshot(browser, "dead-letter-redrive-confirm");
        follow(browser.findElement(By.id("confirm")));
        assertThat(browser.findElement(By.id("outcome")).getText()).contains(position).contains("REDRIVEN");
        ConsoleBrowser.screenshot(browser, "dead-letter-redriven");

        browser.get(base + "/console/dead-letters?topic=" + Topics.ORG_EVENTS);
        WebElement redriven = browser.findElement(By.cssSelector("article.letter[data-position='" + position + "']"));
        assertThat(redriven.getText()).contains("redriven");
        assertThat(redriven.findElements(By.cssSelector("a.redrive"))).isEmpty();
    }

    @Test
    void anOrganizationTokenSeesItsOwnOrganizationAndNothingOfAnother() throws Exception {
        String own = RunningSystem.CONSOLE_ORG_ID;
        client.approve(own, "Consoleown", "510");
        SagaResponse ownSaga = client.awaitSagaEnded(own, SAGA_TIMEOUT);
        String other = SystemClient.newOrgId("Consoleother");
        client.approve(other, "Consoleother", "510");
        SagaResponse otherSaga = client.awaitSagaEnded(other, SAGA_TIMEOUT);

        signIn(RunningSystem.CONSOLE_ORG_TOKEN);
        assertThat(browser.getCurrentUrl()).endsWith("/console/organizations/" + own);
        assertThat(browser.findElement(By.tagName("main")).getText()).contains(ownSaga.id()).contains("active");
        assertThat(browser.getPageSource()).doesNotContain(RunningSystem.CONSOLE_ORG_TOKEN);
        ConsoleBrowser.screenshot(browser, "organization");

        browser.get(base + "/console/sagas");
        assertThat(browser.findElement(By.tagName("main")).getText()).contains(ownSaga.id())
                .doesNotContain(otherSaga.id());
        browser.get(base + "/console/sagas?orgId=" + other);
        assertThat(browser.findElement(By.tagName("main")).getText()).doesNotContain(otherSaga.id());

        browser.get(base + "/console/sagas/" + ownSaga.id());
        assertThat(browser.findElement(By.id("saga-state")).getText()).isEqualTo("COMPLETED");
        assertThat(browser.findElements(By.id("compensate"))).as("actions need an ops token").isEmpty();

        // Another organization's saga reads exactly like one that does not exist.
        Cookie session = browser.manage().getCookieNamed("SB_CONSOLE");
        HttpResponse<String> others = get("/console/sagas/" + otherSaga.id(), session);
        HttpResponse<String> nobodys = get("/console/sagas/" + java.util.UUID.randomUUID(), session);
        assertThat(others.statusCode()).isEqualTo(404);
        assertThat(nobodys.statusCode()).isEqualTo(404);
        assertThat(others.headers().firstValue("Content-Security-Policy")).get().asString()
                .contains("default-src 'self'").contains("frame-ancestors 'none'");
        assertThat(others.headers().firstValue("Cache-Control")).hasValue("no-store");
        String randomId = nobodys.uri().getPath().substring("/console/sagas/".length());
        // (This client sends no nonce cookie, so each page gets a fresh CSRF value.)
        String csrf = "name=\"_csrf\" value=\"[^\"]*\"";
        assertThat(others.body().replace(otherSaga.id(), "<id>").replaceAll(csrf, "")).doesNotContain(other)
                .isEqualTo(nobodys.body().replace(randomId, "<id>").replaceAll(csrf, ""));
        assertThat(get("/console/sagas/" + otherSaga.id() + "/events", session).statusCode()).isEqualTo(404);
        assertThat(get("/console/organizations/" + other, session).statusCode()).isEqualTo(404);
        assertThat(get("/console/dead-letters", session).statusCode()).isEqualTo(403);
        assertThat(get("/console/pool", session).statusCode()).isEqualTo(403);
        assertThat(get("/console/reconciliation", session).statusCode()).isEqualTo(403);
        assertThat(get("/console/reconciliation/release?allOrphans=true", session).statusCode()).isEqualTo(403);
        browser.get(base + "/console/sagas/" + otherSaga.id());
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Not found");
    }

    @Test
    void thePoolPageShowsWhatTheApiReportsAndItsLevelsOverTime() throws Exception {
        HttpResponse<String> api = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/number-pool/stats"))
                .header("Authorization", SystemClient.OPS_AUTHORIZATION).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(api.statusCode()).isEqualTo(200);
        java.util.regex.Matcher available = java.util.regex.Pattern.compile("\"available\":(\\d+)").matcher(api.body());
        assertThat(available.find()).isTrue();

        signIn(ApiProperties.DEV_OPS_TOKEN);
        follow(browser.findElement(By.linkText("Number pool")));
        assertThat(browser.findElement(By.id("pool-available")).getText()).isEqualTo(available.group(1));
        // Sampled when the orchestrator started, then every switchboard.console.pool-sample-interval.
        assertThat(browser.findElements(By.cssSelector("#samples tbody tr"))).isNotEmpty();
        assertThat(browser.findElements(By.cssSelector("svg.chart polyline"))).hasSize(3);
        ConsoleBrowser.screenshot(browser, "pool");

        // Buying costs money: the link leads to a confirmation, and cancelling buys nothing.
        long purchases = system.twilio().purchaseCount();
        follow(browser.findElement(By.id("provision")));
        assertThat(browser.findElement(By.id("confirm")).getText()).isEqualTo("Buy now");
        follow(browser.findElement(By.linkText("Cancel")));
        assertThat(browser.getCurrentUrl()).endsWith("/console/pool");
        assertThat(system.twilio().purchaseCount()).isEqualTo(purchases);
    }

    @Test
    void anOrphanAtTheProviderIsShownAndReleasedAfterADryRun() {
        // A number Switchboard tagged for an organization that is gone: nothing references it, it costs money.
        String phone = "+1919555" + (2000 + new java.util.Random().nextInt(7000));
        String orphan = system.twilio().seedOwnedNumber(system.twilio().config().accountSid(), phone,
                "sb/org/gone-console-org/#0123456789abcdef").sid();

        signIn(ApiProperties.DEV_OPS_TOKEN);
        follow(browser.findElement(By.linkText("Reconciliation")));
        WebElement row = browser.findElement(By.cssSelector("#verdict-ORPHAN tr[data-id='" + orphan + "']"));
        assertThat(row.getText()).contains("TWILIO_NUMBER").contains(phone).contains("platform");
        assertThat(browser.findElement(By.id("verdict-ORPHAN")).getText()).contains("ORPHAN");
        assertThat(browser.findElements(By.id("verdict-OWNED"))).as("in order: behind show all").isEmpty();
        ConsoleBrowser.screenshot(browser, "reconciliation");

        row.findElement(By.cssSelector("input[type=checkbox]")).click();
        follow(browser.findElement(By.id("release-selected")));
        assertThat(browser.findElement(By.cssSelector("#dry-run tr[data-id='" + orphan + "']")).getText())
                .contains("WOULD_RELEASE");
        assertThat(browser.findElement(By.id("preview")).getText()).startsWith("Dry run: 1 would be released");
        assertThat(system.twilio().ownedNumbers()).extracting(IncomingNumber::sid).as("a dry run releases nothing")
                .contains(orphan);
        ConsoleBrowser.screenshot(browser, "reconciliation-release-confirm");

        follow(browser.findElement(By.id("confirm")));
        assertThat(browser.findElement(By.cssSelector("#outcomes tr[data-id='" + orphan + "']")).getText())
                .contains("RELEASED");
        assertThat(browser.findElement(By.id("summary")).getText()).isEqualTo("1 released, 0 skipped.");
        assertThat(system.twilio().ownedNumbers()).extracting(IncomingNumber::sid).doesNotContain(orphan);
        ConsoleBrowser.screenshot(browser, "reconciliation-released");

        follow(browser.findElement(By.linkText("Back to the reconciliation")));
        assertThat(browser.findElements(By.cssSelector("tr[data-id='" + orphan + "']"))).isEmpty();
        follow(browser.findElement(By.id("show-all")));
        assertThat(browser.findElements(By.id("verdict-OWNED"))).isNotEmpty();
    }

    @Test
    void theApprovalEmailOfAnOnboardingIsListedInTheMailboxAndReadable() throws Exception {
        String orgId = SystemClient.newOrgId("Consolemail");
        client.approve(orgId, "Consolemail", "510");
        assertThat(client.awaitSagaEnded(orgId, SAGA_TIMEOUT).state()).isEqualTo("COMPLETED");
        String owner = SystemClient.ownerOf(orgId);
        jakarta.mail.internet.MimeMessage sent = system.stack().smtp().awaitMessagesTo(owner, 1, SAGA_TIMEOUT).get(0);
        String requestId = sent.getHeader("X-Switchboard-Request-Id")[0];

        signIn(ApiProperties.DEV_OPS_TOKEN);
        follow(browser.findElement(By.linkText("Mailbox")));
        WebElement email = browser.findElement(By.cssSelector("article.email[data-to='" + owner + "']"));
        assertThat(email.findElement(By.tagName("h2")).getText()).isEqualTo(sent.getSubject());
        assertThat(email.findElement(By.cssSelector(".request-id")).getText()).isEqualTo(requestId);
        assertThat(email.findElement(By.cssSelector(".text-part")).getText()).contains("Consolemail");
        WebElement html = email.findElement(By.cssSelector("iframe.email-html"));
        assertThat(html.getAttribute("sandbox")).as("no scripts, forms or same origin").isEmpty();
        assertThat(html.getAttribute("srcdoc")).contains("Consolemail");
        email.findElement(By.tagName("summary")).click();
        assertThat(email.findElement(By.cssSelector(".html-source")).getText()).contains("Consolemail");
        List<Integer> numbers = browser.findElements(By.cssSelector("article.email")).stream()
                .map(a -> Integer.parseInt(a.getAttribute("id").substring("email-".length()))).toList();
        assertThat(numbers).as("newest first").isSortedAccordingTo(java.util.Comparator.reverseOrder());
        ConsoleBrowser.screenshot(browser, "mailbox");

        // The emails are every organization's: an organization token does not get the page.
        browser.manage().deleteAllCookies();
        signIn(RunningSystem.CONSOLE_ORG_TOKEN);
        assertThat(browser.findElements(By.linkText("Mailbox"))).isEmpty();
        assertThat(get("/console/mailbox", browser.manage().getCookieNamed("SB_CONSOLE")).statusCode()).isEqualTo(403);
    }

    @Test
    void withoutSignInEveryPageLeadsToTheSignInPageAndAWrongTokenIsRefused() {
        browser.get(base + "/console/sagas?state=FAILED");
        assertThat(browser.getCurrentUrl()).contains("/console/sign-in");
        browser.findElement(By.id("token")).sendKeys("not-a-token");
        follow(browser.findElement(By.cssSelector("main form button[type=submit]")));
        assertThat(browser.findElement(By.cssSelector("[role=alert]")).getText()).contains("not valid");
        assertThat(browser.manage().getCookieNamed("SB_CONSOLE")).isNull();
        ConsoleBrowser.screenshot(browser, "sign-in-refused");
        browser.findElement(By.id("token")).sendKeys(ApiProperties.DEV_OPS_TOKEN);
        follow(browser.findElement(By.cssSelector("main form button[type=submit]")));
        assertThat(browser.getCurrentUrl()).endsWith("/console/sagas?state=FAILED");
    }

    /**
     * Clicks what leads to another page and waits until that page is the one shown: Chromium may hand control back
     * before the old page is gone, and an element found then belongs to it. The mark set on the old page's window
     * is gone from the new one's.
     */
    private void follow(WebElement target) {
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("window.sbLeaving = true;");
        target.click();
        await().atMost(PAGE_TIMEOUT).ignoreExceptions().until(() -> Boolean.FALSE.equals(
                ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("return window.sbLeaving === true;")));
    }

    private void signIn(String token) {
        browser.get(base + "/console/sign-in");
        browser.findElement(By.id("token")).sendKeys(token);
        follow(browser.findElement(By.cssSelector("main form button[type=submit]")));
        // Chromium may hand control back before the form's answer (and its cookie) has arrived.
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.manage().getCookieNamed("SB_CONSOLE") != null
                && !browser.getCurrentUrl().contains("/console/sign-in"));
    }

    private HttpResponse<String> get(String path, Cookie session) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Cookie", "SB_CONSOLE=" + session.getValue()).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
