package io.switchboard.harness.chaos;

import io.switchboard.harness.Args;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code harness.sh io.switchboard.harness.chaos.ChaosMain --orgs=600 --fault-rate=0.12 --kills-per-kind=5 --infra-kills=5}
 * Prints one verdict line ("CHAOS PASS ..." / "CHAOS FAIL ...") plus the violations, and exits 0 only on PASS.
 * Options: see {@link ChaosOptions#from}; {@code --work-dir} keeps the service logs (default a temp directory).
 */
public final class ChaosMain {
    private ChaosMain() {
    }

    public static void main(String[] argv) throws Exception {
        Args args = Args.parse(argv);
        ChaosOptions options = ChaosOptions.from(args);
        Path work = args.values().containsKey("work-dir") ? Files.createDirectories(Path.of(args.get("work-dir", "")))
                : Files.createTempDirectory("sb-chaos");
        System.out.println("chaos: " + options + " in " + work);
        int exit;
        try (ChaosRun run = new ChaosRun(options, work)) {
            ChaosVerdict verdict = run.run();
            System.out.print(verdict.details());
            System.out.print(run.stallDetails());
            System.out.print(run.evidence(verdict, 400));
            System.out.println(verdict.line(run.kills()));
            exit = verdict.passed() ? 0 : 1;
        } catch (Exception e) {
            e.printStackTrace();
            exit = 2;
        }
        System.exit(exit);
    }
}
