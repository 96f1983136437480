package io.switchboard.orchestrator.console;

import io.switchboard.orchestrator.api.SagaResponse;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A saga's steps laid out to scale for the SVG timeline: time runs from the saga's creation to its end (or now, while
 * it runs) across {@link #TRACK_WIDTH} units; each step and each compensation is one bar from its first attempt's
 * start to its end, the part before its latest attempt drawn lighter (earlier attempts and their back-off).
 */
public record Timeline(Instant start, Instant end, long totalMillis, List<Bar> bars, List<Tick> ticks, int height) {
    static final int LABEL_WIDTH = 300;
    static final int TRACK_WIDTH = 680;
    static final int ROW_HEIGHT = 26;
    static final int TOP = 28;
    private static final double MIN_BAR = 3;

    /**
     * @param x             where the bar starts (units)
     * @param width         its width, at least a few units so an instant step is visible
     * @param earlierWidth  the lighter part (attempts before the latest), 0 for a first attempt
     * @param running       still in flight: drawn up to now
     */
    public record Bar(SagaResponse.Step step, int index, double x, double width, double earlierWidth, double y,
               boolean compensation, boolean running, String label, String summary) {
    }

    public record Tick(double x, String label) {
    }

    static Timeline of(SagaResponse saga, Instant now) {
        Instant start = saga.createdAt();
        Instant end = saga.finishedAt() != null ? saga.finishedAt() : now;
        for (SagaResponse.Step step : saga.steps()) {
            Instant stepEnd = step.finishedAt() != null ? step.finishedAt() : now;
            if (stepEnd.isAfter(end)) {
                end = stepEnd;
            }
        }
        long total = Math.max(1, Duration.between(start, end).toMillis());
        List<Bar> bars = new ArrayList<>();
        int index = 0;
        for (SagaResponse.Step step : saga.steps()) {
            boolean running = step.finishedAt() == null;
            Instant from = step.startedAt();
            Instant to = running ? end : step.finishedAt();
            double x = LABEL_WIDTH + scale(start, from, total);
            double width = Math.max(MIN_BAR, scale(from, to, total));
            Instant latest = step.attemptStartedAt();
            double earlier = latest == null || !latest.isAfter(from) ? 0
                    : Math.min(width, scale(from, latest, total));
            boolean compensation = step.direction().equals("COMPENSATION");
            String label = step.name() + (compensation ? " (undo)" : "");
            bars.add(new Bar(step, index, x, width, earlier, TOP + index * ROW_HEIGHT, compensation, running, label,
                    summary(step, label, running)));
            index++;
        }
        List<Tick> ticks = new ArrayList<>();
        for (int i = 0; i <= 4; i++) {
            ticks.add(new Tick(LABEL_WIDTH + TRACK_WIDTH * i / 4.0, "+" + Format.INSTANCE.millis(total * i / 4)));
        }
        return new Timeline(start, end, total, bars, ticks, TOP + Math.max(1, bars.size()) * ROW_HEIGHT + 8);
    }

    private static double scale(Instant from, Instant to, long total) {
        return Math.max(0, Duration.between(from, to).toMillis()) * (double) TRACK_WIDTH / total;
    }

    private static String summary(SagaResponse.Step step, String label, boolean running) {
        StringBuilder text = new StringBuilder(label).append(": ").append(step.status())
                .append(", ").append(step.attempts()).append(step.attempts() == 1 ? " attempt" : " attempts");
        if (step.durationMillis() != null) {
            text.append(", ").append(Format.INSTANCE.millis(step.durationMillis()));
        } else if (running) {
            text.append(", running");
        }
        if (step.errorCode() != null) {
            text.append(", ").append(step.errorCode());
        }
        return text.toString();
    }
}
