package io.switchboard.orchestrator.console;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToIntFunction;

/**
 * The pool page's chart, laid out on the server as SVG coordinates (no chart script): one line per level over the
 * chosen window, the value axis from 0 to the highest level seen.
 */
public record PoolChart(List<Series> series, List<Tick> xTicks, List<Tick> yTicks, boolean empty) {
    static final int LEFT = 50;
    static final int WIDTH = 930;
    static final int TOP = 10;
    static final int HEIGHT = 200;

    /** @param points SVG polyline points; {@code last} the newest value, for the legend */
    public record Series(String name, String cssClass, String points, int last, double lastX, double lastY) {
    }

    public record Tick(double position, String label) {
    }

    static PoolChart of(List<PoolLevels.Sample> samples, Instant from, Instant to) {
        long span = Math.max(1, Duration.between(from, to).toMillis());
        int max = 1;
        for (PoolLevels.Sample s : samples) {
            max = Math.max(max, Math.max(s.available() + s.releasing(), Math.max(s.lines(), s.available())));
        }
        List<Series> series = List.of(
                series("In stock (available)", "available", samples, PoolLevels.Sample::available, from, span, max),
                series("Being released", "releasing", samples, PoolLevels.Sample::releasing, from, span, max),
                series("Lines (numbers in use)", "lines", samples, PoolLevels.Sample::lines, from, span, max));
        List<Tick> x = new ArrayList<>();
        for (int i = 0; i <= 4; i++) {
            x.add(new Tick(LEFT + WIDTH * i / 4.0, Format.INSTANCE.time(from.plusMillis(span * i / 4)).substring(0, 16)));
        }
        List<Tick> y = List.of(new Tick(TOP + HEIGHT, "0"), new Tick(TOP + HEIGHT / 2.0,
                String.format(Locale.ROOT, "%.1f", max / 2.0)), new Tick(TOP, String.valueOf(max)));
        return new PoolChart(series, x, y, samples.isEmpty());
    }

    private static Series series(String name, String css, List<PoolLevels.Sample> samples,
                                 ToIntFunction<PoolLevels.Sample> value, Instant from, long span, int max) {
        StringBuilder points = new StringBuilder();
        double lastX = LEFT;
        double lastY = TOP + HEIGHT;
        int last = 0;
        for (PoolLevels.Sample s : samples) {
            lastX = LEFT + WIDTH * (double) Math.max(0, Duration.between(from, s.at()).toMillis()) / span;
            last = value.applyAsInt(s);
            lastY = TOP + HEIGHT - HEIGHT * (double) last / max;
            points.append(String.format(Locale.ROOT, "%.1f,%.1f ", lastX, lastY));
        }
        return new Series(name, css, points.toString().trim(), last, lastX, lastY);
    }
}
