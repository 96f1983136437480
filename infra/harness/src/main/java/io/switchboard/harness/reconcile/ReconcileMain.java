package io.switchboard.harness.reconcile;

import io.switchboard.harness.Args;
import io.switchboard.harness.Database;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Ops command: lists paid resources at Twilio and VAPI that nothing in the database references (orphans), resources
 * referenced twice, and config or pool rows naming resources the providers no longer have; with {@code --release}, deletes
 * the orphans (VAPI registrations, then assistants, then Twilio numbers). Exit code 0 when nothing is wrong.
 * <pre>
 * harness.sh io.switchboard.harness.reconcile.ReconcileMain \
 *   --jdbc-url=jdbc:postgresql://127.0.0.1:15432/switchboard --db-user=postgres --db-password= \
 *   --twilio-url=http://127.0.0.1:18081 --twilio-account-sid=AC... --twilio-auth-token=... \
 *   --vapi-url=http://127.0.0.1:18082 --vapi-api-key=... [--admin-inventory] [--release] [--all]
 * </pre>
 * {@code --admin-inventory} lists through the simulators' /__admin/inventory instead of the provider APIs (complete
 * beyond VAPI's 1000-item pages; simulators only). Credentials default to the environment variables the workers use
 * (TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, VAPI_API_KEY) and are never printed. Only orphans are released: a resource
 * an unfinished saga holds is left to that saga (or to ops replaying it).
 */
public final class ReconcileMain {
    private ReconcileMain() {
    }

    public static void main(String[] argv) {
        Args args = Args.parse(argv);
        Database db = new Database(args.get("jdbc-url", "jdbc:postgresql://127.0.0.1:15432/switchboard"),
                args.get("db-user", "postgres"), args.get("db-password", ""));
        String twilioUrl = args.get("twilio-url", "http://127.0.0.1:18081");
        String vapiUrl = args.get("vapi-url", "http://127.0.0.1:18082");
        ProviderApiInventory api = new ProviderApiInventory(twilioUrl,
                args.get("twilio-account-sid", env("TWILIO_ACCOUNT_SID")), args.get("twilio-auth-token", env("TWILIO_AUTH_TOKEN")),
                vapiUrl, args.get("vapi-api-key", env("VAPI_API_KEY")));
        Inventory inventory = args.flag("admin-inventory") ? new SimulatorAdminInventory(twilioUrl, vapiUrl) : api;
        int problems = run(inventory, db, args.flag("release") ? api : null, args.flag("all"));
        System.exit(problems == 0 ? 0 : 1);
    }

    /** Prints the report; returns the number of problems (orphans, shared, dangling) found. */
    public static int run(Inventory inventory, Database db, ProviderApiInventory releaseWith, boolean printAll) {
        List<Resource> resources = inventory.list();
        List<Reconciler.Finding> findings = Reconciler.reconcile(resources, DbReferences.load(db));
        Map<Reconciler.Verdict, Long> counts = findings.stream()
                .collect(Collectors.groupingBy(Reconciler.Finding::verdict, Collectors.counting()));
        System.out.println("reconcile: " + resources.size() + " resources from " + inventory.source() + " → " + counts);
        findings.stream().filter(f -> printAll || f.verdict() != Reconciler.Verdict.OWNED)
                .forEach(f -> System.out.println("  " + f));
        List<Reconciler.Finding> problems = findings.stream().filter(f -> f.verdict() == Reconciler.Verdict.ORPHAN
                || f.verdict() == Reconciler.Verdict.SHARED || f.verdict() == Reconciler.Verdict.DANGLING).toList();
        if (releaseWith != null) {
            findings.stream().filter(f -> f.verdict() == Reconciler.Verdict.ORPHAN)
                    .sorted(Comparator.comparing(f -> releaseOrder(f.kind())))
                    .forEach(f -> {
                        releaseWith.release(new Resource(f.kind(), f.id(), f.label(), null));
                        System.out.println("  released " + f.kind() + " " + f.id());
                    });
        }
        return problems.size();
    }

    private static int releaseOrder(Resource.Kind kind) {
        return switch (kind) {
            case VAPI_PHONE_NUMBER -> 0;
            case VAPI_ASSISTANT -> 1;
            case TWILIO_NUMBER -> 2;
        };
    }

    private static String env(String name) {
        String v = System.getenv(name);
        return v == null ? "" : v;
    }
}
