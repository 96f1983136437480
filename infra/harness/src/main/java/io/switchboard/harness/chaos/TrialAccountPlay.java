package io.switchboard.harness.chaos;

import io.switchboard.adapters.twilio.numbers.OwnerTag;
import io.switchboard.contracts.commands.NumberOwner;
import io.switchboard.harness.AreaCodes;
import io.switchboard.harness.Database;
import io.switchboard.harness.EventPublisher;
import io.switchboard.harness.OpsApi;
import io.switchboard.sim.twilio.IncomingNumber;
import io.switchboard.sim.twilio.TwilioSimulator;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Several organizations on one Twilio trial account, which may own one number — bought in the Twilio console at
 * sign-up, not by Switchboard. Each organization registers the account's credential and is approved with it, so they
 * all reach for the same number; afterwards they switch inbound AI off and on at random moments, in every order, while
 * the rest of the chaos (kills, faults, ops compensates, cleanups) goes on. The number may serve one line at a time:
 * the others fail with {@code TRIAL_NUMBER_IN_USE} and change nothing; a line that goes hands it back.
 * <p>
 * What must hold afterwards ({@link #check()}): the account still owns exactly its one number (nothing bought there,
 * never released), the pool never held it, and its owner tag names the organization whose line holds it, or nobody.
 * The generic checks (two lines on one number, cross-organization references) cover the rest.
 */
final class TrialAccountPlay implements Runnable {
    static final String ACCOUNT_SID = "ACbead0000000000000000000000000001";
    /** The simulator's token for the chaos trial account; a test value, not a secret anywhere. */
    static final String AUTH_TOKEN = "7e57bead000000000000000000000001";
    private static final String TRIAL_NUMBER = "+15105550100";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Database db;
    private final TwilioSimulator twilio;
    private final List<OpsApi> apis;
    private final Duration every;
    private final Random random;
    private final List<String> orgs = new ArrayList<>();
    private final Map<String, String> credentials = new LinkedHashMap<>();
    private final Map<String, Integer> outcomes = new TreeMap<>();
    private EventPublisher publisher;
    private Consumer<EventPublisher.Sent> published;
    private String numberSid;
    private volatile boolean stopped;

    TrialAccountPlay(Database db, TwilioSimulator twilio, List<OpsApi> apis, int organizations, long seed, Duration every) {
        this.db = db;
        this.twilio = twilio;
        this.apis = apis;
        this.every = every;
        this.random = new Random(seed * 31 + 7);
        for (int i = 0; i < organizations; i++) {
            orgs.add("chaos-" + seed + "-trial-" + i);
        }
    }

    /**
     * The account holder's number, with the FriendlyName Twilio gives a console purchase, and each organization's
     * registration of the account's credential (the orchestrator must be up).
     */
    void prepare() throws InterruptedException {
        if (orgs.isEmpty()) {
            return;
        }
        numberSid = twilio.seedOwnedNumber(ACCOUNT_SID, TRIAL_NUMBER, "(510) 555-0100").sid();
        for (String org : orgs) {
            credentials.put(org, registerCredential(org));
        }
    }

    private String registerCredential(String org) throws InterruptedException {
        String body = "{\"accountSid\":\"" + ACCOUNT_SID + "\",\"authToken\":\"" + AUTH_TOKEN + "\"}";
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        OpsApi.Response response;
        do {
            response = apis.get(random.nextInt(apis.size()))
                    .post("/api/v1/organizations/" + org + "/twilio-credentials", body);
            if (response.status() == 201 || response.status() == 200) {
                return JSON.readTree(response.body()).path("credentialId").asString();
            }
            Thread.sleep(1000);
        } while (System.nanoTime() < deadline);
        throw new IllegalStateException("could not register the trial credential for " + org + ": " + response);
    }

    /** Every organization's approval, carrying the trial account's credential. */
    void approveAll(EventPublisher publisher, Consumer<EventPublisher.Sent> published) {
        this.publisher = publisher;
        this.published = published;
        for (int i = 0; i < orgs.size(); i++) {
            String org = orgs.get(i);
            published.accept(publisher.approveWithCredential(org, "Chaos Trial " + i, AreaCodes.forIndex(i),
                    credentials.get(org)));
        }
    }

    /** Until stopped: now and then one of the organizations switches inbound AI off or on. */
    @Override
    public void run() {
        if (orgs.isEmpty()) {
            return;
        }
        try {
            while (!stopped) {
                Thread.sleep((long) (every.toMillis() * (0.5 + random.nextDouble())));
                String org = orgs.get(random.nextInt(orgs.size()));
                boolean on = random.nextBoolean();
                try {
                    published.accept(publisher.toggle(org, on));
                    count(on ? "on" : "off");
                } catch (RuntimeException e) {
                    count("error " + e.getClass().getSimpleName());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    void stop() {
        stopped = true;
    }

    private void count(String outcome) {
        synchronized (outcomes) {
            outcomes.merge(outcome, 1, Integer::sum);
        }
    }

    /** Toggles sent, and how the organizations' sagas ended (by type and state; refusals by reason). */
    Map<String, Object> counts() {
        Map<String, Object> counts = new LinkedHashMap<>();
        if (orgs.isEmpty()) {
            return counts;
        }
        synchronized (outcomes) {
            counts.put("trialToggles", new TreeMap<>(outcomes));
        }
        String inOrgs = "(" + String.join(",", orgs.stream().map(o -> "'" + o + "'").toList()) + ")";
        Map<String, Long> sagas = new TreeMap<>();
        db.query("select saga_type || ' ' || state as k, count(*) as n from saga_instance where org_id in " + inOrgs
                + " group by saga_type, state").forEach(r -> sagas.put((String) r.get("k"), ((Number) r.get("n")).longValue()));
        counts.put("trialSagas", sagas);
        counts.put("trialNumberInUseRefusals", db.count("select count(*) from saga_step s join saga_instance i on i.id = s.saga_id"
                + " where i.org_id in " + inOrgs + " and s.error_code = 'TRIAL_NUMBER_IN_USE'"));
        return counts;
    }

    Map<String, List<String>> check() {
        Map<String, List<String>> v = new LinkedHashMap<>();
        if (orgs.isEmpty()) {
            return v;
        }
        List<String> account = new ArrayList<>();
        List<IncomingNumber> owned = twilio.ownedNumbers(ACCOUNT_SID);
        if (owned.size() != 1 || !owned.get(0).sid().equals(numberSid)) {
            account.add("the trial account owns " + owned.stream().map(n -> n.sid() + " " + n.friendlyName()).toList()
                    + " instead of its one number " + numberSid);
        }
        twilio.releasedNumbers().stream().filter(n -> n.accountSid().equals(ACCOUNT_SID))
                .forEach(n -> account.add("released in the trial account: " + n.sid() + " (" + n.friendlyName() + ")"));
        v.put("trialAccountNumbers", account);

        v.put("trialNumberPooled", db.strings("select 'number_pool holds the trial number: ' || number_sid || ' ' || status"
                + " from number_pool where number_sid = '" + numberSid + "'"));

        List<String> tag = new ArrayList<>();
        List<String> holders = db.strings("select org_id from ai_config where number_sid = '" + numberSid + "'");
        owned.stream().filter(n -> n.sid().equals(numberSid)).findFirst().ifPresent(number -> {
            OwnerTag owner = OwnerTag.parse(number.friendlyName(), "sb:");
            if (holders.isEmpty() && owner.kind() != OwnerTag.Kind.UNASSIGNED && owner.kind() != OwnerTag.Kind.FOREIGN) {
                tag.add("no line holds the trial number, but it is tagged '" + number.friendlyName() + "'");
            }
            for (String holder : holders) {
                if (owner.kind() != OwnerTag.Kind.TRIAL || !owner.names(NumberOwner.organization(holder))) {
                    tag.add("the line of " + holder + " holds the trial number, tagged '" + number.friendlyName() + "'");
                }
            }
        });
        v.put("trialNumberTag", tag);
        return v;
    }
}
