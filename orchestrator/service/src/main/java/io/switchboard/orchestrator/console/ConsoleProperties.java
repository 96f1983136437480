package io.switchboard.orchestrator.console;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * {@code switchboard.console.*}: the ops console under {@code /console} (README "Console").
 *
 * @param enabled            serve the console at all; off, every {@code /console} path is a 404, the live feed
 *                           never starts and the pool's levels are not sampled
 * @param sessionMaxAge      how long the browser keeps the sign-in cookie; the token itself is checked on every request,
 *                           so removing it from {@code switchboard.api.*} signs its users out at once
 * @param pageSize           sagas per page of the list
 * @param deadLetterLimit    dead letters read per topic for the page (newest shown first)
 * @param liveTimeout        how long one live-update stream stays open before the browser reconnects
 * @param liveHeartbeat      a comment line sent this often on an idle stream, so proxies keep it open and a closed
 *                           tab is noticed
 * @param livePollInterval   how often the live feed polls the saga-events topic
 * @param poolSampleInterval how often the number pool's levels are recorded for the pool page's chart (one row per
 *                           interval, however many orchestrators run)
 * @param poolSampleRetention how long those samples are kept
 */
@ConfigurationProperties(prefix = "switchboard.console")
public record ConsoleProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("8h") Duration sessionMaxAge,
        @DefaultValue("25") int pageSize,
        @DefaultValue("200") int deadLetterLimit,
        @DefaultValue("30m") Duration liveTimeout,
        @DefaultValue("15s") Duration liveHeartbeat,
        @DefaultValue("500ms") Duration livePollInterval,
        @DefaultValue("5m") Duration poolSampleInterval,
        @DefaultValue("30d") Duration poolSampleRetention) {
}
