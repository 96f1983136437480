package io.switchboard.harness.benchmark;

import io.switchboard.harness.Args;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.util.Collection;
import java.util.DoubleSummaryStatistics;

/**
 * Runs {@link SagaEngineBenchmark} under JMH (forked JVMs, warm-up, repeated iterations) and reports each benchmark's
 * mean with JMH's 99.9 % error, the spread of its iterations, and the bytes it allocates per operation.
 */
final class EngineMicroBenchmark {
    private EngineMicroBenchmark() {
    }

    static void run(Args args, Report report) throws Exception {
        int forks = args.getInt("forks", 2);
        int warmups = args.getInt("warmup-iterations", 5);
        int iterations = args.getInt("iterations", 10);
        Options options = new OptionsBuilder()
                .include(SagaEngineBenchmark.class.getName())
                .forks(forks)
                .warmupIterations(warmups).warmupTime(TimeValue.seconds(1))
                .measurementIterations(iterations).measurementTime(TimeValue.seconds(1))
                .jvmArgsAppend("-Xmx1g")
                .addProfiler(GCProfiler.class)
                .shouldFailOnError(true)
                .build();
        Collection<RunResult> results = new Runner(options).run();
        report.line("### (i) the saga engine in memory (JMH: %d forks × %d iterations of 1 s after %d warm-up "
                + "iterations; no Kafka, database, Hibernate or Spring)", forks, iterations, warmups);
        for (RunResult run : results) {
            Result<?> primary = run.getPrimaryResult();
            DoubleSummaryStatistics spread = new DoubleSummaryStatistics();
            for (BenchmarkResult iteration : run.getBenchmarkResults()) {
                iteration.getIterationResults().forEach(i -> spread.accept(i.getPrimaryResult().getScore()));
            }
            Result<?> allocated = run.getSecondaryResults().get("gc.alloc.rate.norm");
            report.line("- `%s`: **%.1f ± %.1f %s** (iterations %.1f–%.1f), %s B allocated per operation",
                    primary.getLabel(), primary.getScore(), primary.getScoreError(), primary.getScoreUnit(),
                    spread.getMin(), spread.getMax(),
                    allocated == null ? "?" : String.format("%,.0f", allocated.getScore()));
        }
    }
}
