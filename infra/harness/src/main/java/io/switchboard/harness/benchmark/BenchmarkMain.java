package io.switchboard.harness.benchmark;

import io.switchboard.harness.Args;

import java.nio.file.Path;
import java.util.List;

/**
 * Runs the benchmarks against the whole system on loopback and appends the figures (markdown) to
 * {@code --out} (default {@code target/benchmark-results.md}). Each scenario starts its own fresh system.
 * <pre>
 * infra/harness/harness.sh io.switchboard.harness.benchmark.BenchmarkMain all
 * infra/harness/harness.sh io.switchboard.harness.benchmark.BenchmarkMain overhead --sagas=60
 * infra/harness/harness.sh io.switchboard.harness.benchmark.BenchmarkMain throughput --burst=1000 --rates=10,25,50
 * infra/harness/harness.sh io.switchboard.harness.benchmark.BenchmarkMain realistic --single-runs=5 --concurrent=10
 * infra/harness/harness.sh io.switchboard.harness.benchmark.BenchmarkMain resources --levels=1000,10000,100000 --real=10000
 * infra/harness/harness.sh io.switchboard.harness.benchmark.BenchmarkMain cost --warmup=200 --sagas=200
 * infra/harness/harness.sh io.switchboard.harness.benchmark.BenchmarkMain engine --forks=2 --iterations=10
 * </pre>
 */
public final class BenchmarkMain {
    private BenchmarkMain() {
    }

    public static void main(String[] argv) throws Exception {
        Args args = Args.parse(argv);
        Report report = new Report(Path.of(args.get("out", "target/benchmark-results.md")));
        String command = args.get("command", "all");
        List<String> scenarios = command.equals("all") ? List.of("overhead", "throughput", "realistic", "resources")
                : List.of(command.split(","));
        report.line("## benchmark run %s — %d cores, max heap %d MiB, %s %s", java.time.Instant.now(),
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() / 1048576,
                System.getProperty("java.vm.name"), System.getProperty("java.version"));
        for (String scenario : scenarios) {
            long start = System.nanoTime();
            switch (scenario) {
                case "overhead" -> StepOverheadBenchmark.run(args, report);
                case "throughput" -> ThroughputBenchmark.run(args, report);
                case "realistic" -> RealisticLatencyBenchmark.run(args, report);
                case "resources" -> WaitingSagasBenchmark.run(args, report);
                case "cost" -> CostBenchmark.run(args, report);
                case "engine" -> EngineMicroBenchmark.run(args, report);
                default -> throw new IllegalArgumentException("unknown scenario " + scenario
                        + " (overhead, throughput, realistic, resources, cost, engine, all)");
            }
            report.line("_(%s took %.0f s)_", scenario, (System.nanoTime() - start) / 1e9);
        }
        System.exit(0); // embedded broker / database threads are not all daemons
    }
}
