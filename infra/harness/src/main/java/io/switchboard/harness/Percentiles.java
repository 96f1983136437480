package io.switchboard.harness;

import java.util.Arrays;
import java.util.Collection;

/** Nearest-rank percentiles over a finished sample; no histogram library for a few thousand values. */
public record Percentiles(double[] sorted) {

    public static Percentiles of(Collection<? extends Number> values) {
        double[] v = values.stream().mapToDouble(Number::doubleValue).sorted().toArray();
        return new Percentiles(v);
    }

    public double at(double percent) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
    }

    public double mean() {
        return Arrays.stream(sorted).average().orElse(Double.NaN);
    }

    public int count() {
        return sorted.length;
    }

    /** "p50 1.2 / p90 … / p99 … / max … ms (n=…)" */
    public String summary(String unit) {
        return String.format(java.util.Locale.ROOT, "p50 %.1f / p90 %.1f / p99 %.1f / max %.1f %s (n=%d)",
                at(50), at(90), at(99), at(100), unit, count());
    }
}
