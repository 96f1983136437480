package io.switchboard.harness.chaos;

import io.switchboard.contracts.commands.DeleteAssistant;
import io.switchboard.contracts.commands.ReleaseNumber;
import io.switchboard.contracts.replies.StepFailed;
import io.switchboard.contracts.wire.Headers;
import io.switchboard.contracts.wire.Topics;
import io.switchboard.harness.AreaCodes;
import io.switchboard.harness.Database;
import io.switchboard.harness.EventPublisher;
import io.switchboard.harness.OpsApi;
import io.switchboard.messaging.codec.JsonCodec;
import io.switchboard.messaging.headers.CloudEventHeaders;
import io.switchboard.messaging.headers.SagaRouting;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The people working on the system while it runs, one action at a random moment: ops replay parked sagas and
 * compensate running ones, organizations retry a failed setup or clean their line up, ops buy numbers for the pool
 * and release idle ones, a second upstream service publishes events whose ids collide with the first one's, an
 * upstream redelivers an event it already sent, and an attacker with broker access injects unauthenticated commands
 * and replies. Each action's outcome (HTTP status, or what was published) is counted for the report; what must
 * hold afterwards is the checker's business. Forged messages are remembered so the checker can verify that each was
 * dead-lettered and none acted on.
 */
final class Operator implements Runnable {
    enum Action { REPLAY_PARKED, COMPENSATE_RUNNING, RETRY_SETUP, CLEANUP, POOL_PROVISION, POOL_RELEASE_IDLE,
        PARTNER_EVENT, REDELIVERED_EVENT, FORGED_COMMAND, FORGED_REPLY, ADD_NUMBER, REMOVE_NUMBER }

    /** A message an attacker injected: topic and ce_id. */
    record Forgery(String topic, String eventId, String what) {
    }

    private final ChaosOptions options;
    private final Database db;
    private final List<OpsApi> apis;
    private final EventPublisher publisher;
    private final List<EventPublisher.Sent> sent;
    private final Consumer<EventPublisher.Sent> published;
    private final KafkaProducer<String, byte[]> attacker;
    private final JsonCodec codec = new JsonCodec();
    private final CloudEventHeaders forgedHeaders = new CloudEventHeaders("/switchboard/orchestrator");
    private final Random random;
    private final Map<String, Integer> outcomes = new TreeMap<>();
    private final List<Forgery> forgeries = Collections.synchronizedList(new ArrayList<>());
    private final List<String> partnerOrgs = Collections.synchronizedList(new ArrayList<>());
    private volatile boolean stopped;
    private int partnerCount;

    Operator(ChaosOptions options, Database db, List<OpsApi> apis, EventPublisher publisher,
             List<EventPublisher.Sent> sent, Consumer<EventPublisher.Sent> published, String bootstrapServers) {
        this.options = options;
        this.db = db;
        this.apis = apis;
        this.publisher = publisher;
        this.sent = sent;
        this.published = published;
        this.random = new Random(options.seed() * 17 + 3);
        this.attacker = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 300_000,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 300_000,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
    }

    @Override
    public void run() {
        Action[] actions = Action.values();
        try {
            while (!stopped) {
                Thread.sleep((long) (options.opsEvery().toMillis() * (0.5 + random.nextDouble())));
                Action action = actions[random.nextInt(actions.length)];
                String outcome;
                try {
                    outcome = act(action);
                } catch (RuntimeException e) {
                    // The database or the broker may be down right now: people try again later.
                    outcome = "error " + e.getClass().getSimpleName();
                }
                synchronized (outcomes) {
                    outcomes.merge(action.name().toLowerCase() + " " + outcome, 1, Integer::sum);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            attacker.close(Duration.ofSeconds(30));
        }
    }

    private String act(Action action) {
        return switch (action) {
            case REPLAY_PARKED -> status(api().post("/api/v1/sagas/replay", "{\"limit\":5}"));
            case COMPENSATE_RUNNING -> pick("select id::text from saga_instance where state = 'RUNNING'")
                    .map(id -> status(api().post("/api/v1/sagas/" + id + "/compensate", "{\"reason\":\"chaos: ops stop\"}")))
                    .orElse("nothing running");
            case RETRY_SETUP -> pick("""
                    select s.org_id from saga_instance s where s.saga_type = 'onboarding' and s.state = 'COMPENSATED'
                    and not exists (select 1 from ai_config c where c.org_id = s.org_id)""")
                    .map(org -> status(api().post("/api/v1/organizations/" + org + "/retry-ai-setup",
                            "{\"country\":\"US\",\"areaCode\":\"" + AreaCodes.forIndex(random.nextInt(1000)) + "\"}")))
                    .orElse("nothing to retry");
            case CLEANUP -> pick("select org_id from ai_config where status = 'active'")
                    .map(org -> status(api().delete("/api/v1/organizations/" + org + "/ai-setup")))
                    .orElse("no line");
            case POOL_PROVISION -> status(api().post("/api/v1/number-pool/provision",
                    "{\"count\":2,\"country\":\"US\",\"areaCode\":\"" + AreaCodes.forIndex(random.nextInt(1000)) + "\"}"));
            case POOL_RELEASE_IDLE -> status(api().post("/api/v1/number-pool/release-idle", "{}"));
            case PARTNER_EVENT -> partnerEvent();
            case REDELIVERED_EVENT -> redeliver();
            case FORGED_COMMAND -> forgeCommand();
            case FORGED_REPLY -> forgeReply();
            // An organization adds a number to its active line (never past two of them, nor on a trial account, whose
            // one number the line has) and gives one up again.
            case ADD_NUMBER -> pick("""
                    select c.org_id from ai_config c where c.status = 'active'
                    and c.number_source is distinct from 'TRIAL_EXISTING'
                    and (select count(*) from line_number l where l.org_id = c.org_id) < 2""")
                    .map(org -> status(api().post("/api/v1/organizations/" + org + "/numbers", "{}")))
                    .orElse("no line");
            case REMOVE_NUMBER -> pick("select org_id || '/numbers/' || number_sid from line_number where status = 'active'")
                    .map(path -> status(api().delete("/api/v1/organizations/" + path)))
                    .orElse("no added number");
        };
    }

    /** Another upstream service approves a new organization under an id the harness's own source already used. */
    private String partnerEvent() {
        EventPublisher.Sent reused;
        synchronized (sent) {
            if (sent.isEmpty()) {
                return "nothing to collide with";
            }
            reused = sent.get(random.nextInt(sent.size()));
        }
        if (!EventPublisher.SOURCE.equals(reused.source())) {
            return "nothing to collide with";
        }
        String org = "chaos-" + options.seed() + "-partner-" + (partnerCount++);
        partnerOrgs.add(org);
        published.accept(publisher.approveFrom(EventPublisher.PARTNER_SOURCE, reused.eventId(), org, "Partner " + org,
                AreaCodes.forIndex(random.nextInt(1000))));
        return "published";
    }

    private String redeliver() {
        EventPublisher.Sent original;
        synchronized (sent) {
            if (sent.isEmpty()) {
                return "nothing sent yet";
            }
            original = sent.get(random.nextInt(sent.size()));
        }
        published.accept(publisher.resend(original));
        return "published";
    }

    /**
     * Release of a live line's number, or deletion of its inbound assistant, as a well-formed command with saga
     * headers but without a valid MAC (none, or a made-up one).
     */
    private String forgeCommand() {
        List<Map<String, Object>> lines = db.query("""
                select org_id, number_sid, phone_number, inbound_assistant_id from ai_config
                where status = 'active' and number_sid is not null order by random() limit 1""");
        if (lines.isEmpty()) {
            return "no line to attack";
        }
        Map<String, Object> line = lines.get(0);
        String org = (String) line.get("org_id");
        String sagaId = UUID.randomUUID().toString();
        boolean release = random.nextBoolean();
        String topic = release ? Topics.TWILIO_COMMANDS : Topics.VAPI_COMMANDS;
        String step = release ? "release-number" : "delete-inbound-assistant";
        String requestId = sagaId + ":" + step;
        byte[] body = release
                ? codec.encode(new ReleaseNumber(org, requestId, (String) line.get("number_sid"), (String) line.get("phone_number"), null))
                : codec.encode(new DeleteAssistant(org, requestId, (String) line.get("inbound_assistant_id")));
        Map<String, String> h = new java.util.LinkedHashMap<>(forgedHeaders.newMessage(
                release ? ReleaseNumber.TYPE : DeleteAssistant.TYPE, org,
                SagaRouting.command(sagaId, step, 1, Topics.SAGA_REPLIES, Instant.now().plusSeconds(120))));
        boolean fakeMac = random.nextBoolean();
        if (fakeMac) {
            h.put(Headers.MAC, java.util.Base64.getEncoder().encodeToString(new byte[32]));
        }
        attacker.send(new ProducerRecord<>(topic, null, org, body, CloudEventHeaders.toKafka(h)));
        forgeries.add(new Forgery(topic, h.get(Headers.CE_ID), (release ? "ReleaseNumber " + line.get("number_sid")
                : "DeleteAssistant " + line.get("inbound_assistant_id")) + " of " + org + (fakeMac ? " (made-up MAC)" : " (no MAC)")));
        return "injected";
    }

    /** A non-retryable failure for a running saga's step, which would make it compensate if believed. */
    private String forgeReply() {
        List<Map<String, Object>> steps = db.query("""
                select s.saga_id::text as saga_id, s.step_name, s.attempt, i.org_id from saga_step s
                join saga_instance i on i.id = s.saga_id
                where s.status = 'RUNNING' and s.direction = 'ACTION' and i.state = 'RUNNING' order by random() limit 1""");
        if (steps.isEmpty()) {
            return "no running step";
        }
        Map<String, Object> step = steps.get(0);
        String org = (String) step.get("org_id");
        byte[] body = codec.encode(new StepFailed("FORGED", "a forged failure", false, "switchboard", null));
        Map<String, String> h = new CloudEventHeaders("/switchboard/twilio-worker").newMessage(StepFailed.TYPE, org,
                new SagaRouting((String) step.get("saga_id"), (String) step.get("step_name"),
                        ((Number) step.get("attempt")).intValue(), null, null, null));
        attacker.send(new ProducerRecord<>(Topics.SAGA_REPLIES, null, org, body, CloudEventHeaders.toKafka(h)));
        forgeries.add(new Forgery(Topics.SAGA_REPLIES, h.get(Headers.CE_ID), "StepFailed for saga "
                + step.get("saga_id") + " step " + step.get("step_name")));
        return "injected";
    }

    private java.util.Optional<String> pick(String sql) {
        List<String> rows = db.strings(sql + " order by random() limit 1");
        return rows.stream().findFirst();
    }

    /** Any orchestrator that answers (one may be down right now). */
    private OpsApi api() {
        List<OpsApi> shuffled = new ArrayList<>(apis);
        Collections.shuffle(shuffled, random);
        for (OpsApi api : shuffled) {
            if (api.healthy()) {
                return api;
            }
        }
        return shuffled.get(0);
    }

    private static String status(OpsApi.Response response) {
        return response.status() < 0 ? "no orchestrator answered" : Integer.toString(response.status());
    }

    void stop() {
        stopped = true;
    }

    Map<String, Integer> outcomes() {
        synchronized (outcomes) {
            return new TreeMap<>(outcomes);
        }
    }

    List<Forgery> forgeries() {
        synchronized (forgeries) {
            return List.copyOf(forgeries);
        }
    }
}
