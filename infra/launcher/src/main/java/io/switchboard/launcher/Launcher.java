package io.switchboard.launcher;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the whole system on this machine: {@code java -jar infra/launcher/target/switchboard-launcher.jar}.
 * <ul>
 *   <li>{@code --demo} (default) publishes an approval for "Acme" and prints the saga as it runs;</li>
 *   <li>{@code --no-demo} only starts everything;</li>
 *   <li>{@code --exit} stops after the demo (exit code 0 when the saga completed), for smoke checks.</li>
 * </ul>
 * Ports and data directory: see README.md ("Run it").
 */
public final class Launcher {
    private Launcher() {
    }

    public static void main(String[] args) throws InterruptedException {
        List<String> options = List.of(args);
        PrintStream out = System.out;
        SwitchboardSystem system = SwitchboardSystem.start(SystemOptions.localDefaults());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            system.close();
            stopped.countDown();
        }, "switchboard-shutdown"));

        printEndpoints(system, out);
        boolean completed = true;
        if (!options.contains("--no-demo")) {
            completed = new Demo(system, out).run("Acme", "510", Duration.ofSeconds(60));
        }
        if (options.contains("--exit")) {
            System.exit(completed ? 0 : 1);
        }
        out.println("\nSwitchboard is running. Ctrl-C stops it.");
        stopped.await();
    }

    private static void printEndpoints(SwitchboardSystem system, PrintStream out) {
        out.println();
        out.println("Switchboard is up:");
        out.println("  Kafka             " + system.stack().kafka().bootstrapServers());
        out.println("  PostgreSQL        " + system.stack().jdbcUrl());
        out.println("  SMTP capture      " + system.stack().smtp().host() + ":" + system.stack().smtp().port());
        out.println("  Twilio simulator  " + system.twilio().baseUrl());
        out.println("  VAPI simulator    " + system.vapi().baseUrl());
        out.println("  Orchestrator API  " + system.orchestratorUrl() + "/api/v1");
        out.println("  Console           " + system.orchestratorUrl() + "/console (mailbox: /console/mailbox)");
        out.println("Watch the saga events:");
        out.println("  bin/kafka-console-consumer --topic switchboard.saga-events.v1 --from-beginning "
                + "--property print.key=true --property print.headers=true");
    }
}
