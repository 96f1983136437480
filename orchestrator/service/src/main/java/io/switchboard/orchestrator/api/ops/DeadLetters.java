package io.switchboard.orchestrator.api.ops;

import io.switchboard.contracts.wire.Headers;
import io.switchboard.contracts.wire.Topics;
import io.switchboard.orchestrator.api.problems.ApiProblem;
import io.switchboard.orchestrator.api.problems.ProblemType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Lists and redrives dead letters. A redrive republishes the parked record unchanged — same key (so the same
 * partition and order for its organization), value and headers — minus the {@code sb_dlq_*} headers, to the topic
 * it came from. Each DLQ position is recorded in {@code dead_letter_redrive} in the same transaction that waits for
 * the broker's acknowledgement, so a position is redriven at most once even when "all" is asked for twice; a crash
 * between the acknowledgement and the commit can republish once more, which consumers absorb by {@code ce_id}.
 */
public class DeadLetters {
    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);
    static final int MAX_RECORDS = 10_000;
    private static final int PREVIEW_CHARS = 200;

    private final DeadLetterReader reader;
    private final KafkaTemplate<String, byte[]> kafka;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;

    public DeadLetters(DeadLetterReader reader, KafkaTemplate<String, byte[]> kafka, JdbcTemplate jdbc,
                       TransactionTemplate transactions, Clock clock) {
        this.reader = reader;
        this.kafka = kafka;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.clock = clock;
    }

    public DeadLetterPage list(String topic, int limit) {
        String original = originalTopic(topic);
        String dlq = Topics.deadLetterOf(original);
        DeadLetterReader.Batch batch = reader.readAll(dlq, Math.min(limit, MAX_RECORDS));
        Map<String, String> redriven = redrivenPositions(dlq);
        List<DeadLetter> records = batch.records().stream()
                .map(r -> deadLetter(r, redriven.get(position(r)))).toList();
        return new DeadLetterPage(original, dlq, records.size(), batch.truncated(), records);
    }

    /** One record whole: headers and value. 404 {@code dead-letter-not-found} when nothing is at that position. */
    public DeadLetterDetail one(String topic, String position) {
        String original = originalTopic(topic);
        String dlq = Topics.deadLetterOf(original);
        String normalised = normalise(List.of(position == null ? "" : position), "position").iterator().next();
        String[] parts = normalised.split(":");
        int partition = Integer.parseInt(parts[0]);
        long offset = Long.parseLong(parts[1]);
        String canonical = partition + ":" + offset;
        ConsumerRecord<String, byte[]> record = reader.readOne(dlq, partition, offset)
                .orElseThrow(() -> new ApiProblem(ProblemType.DEAD_LETTER_NOT_FOUND, "There is no record at "
                        + canonical + " in " + dlq + " (removed by retention, or never there); GET /api/v1/"
                        + "dead-letters?topic=" + original + " lists what it holds.")
                        .with("topic", dlq).with("position", canonical));
        List<DeadLetterDetail.Header> headers = new ArrayList<>();
        for (Header header : record.headers()) {
            byte[] value = header.value() == null ? new byte[0] : header.value();
            String text = utf8(value);
            headers.add(text != null ? new DeadLetterDetail.Header(header.key(), text, "utf-8")
                    : new DeadLetterDetail.Header(header.key(), Base64.getEncoder().encodeToString(value), "base64"));
        }
        byte[] value = record.value();
        String body = value == null ? null : utf8(value);
        String encoding = value == null ? null : body != null ? "utf-8" : "base64";
        if (value != null && body == null) {
            body = Base64.getEncoder().encodeToString(value);
        }
        DeadLetter summary = deadLetter(record, redrivenPositions(dlq).get(canonical));
        return new DeadLetterDetail(summary, headers, body, encoding, value == null ? 0 : value.length);
    }

    /** The bytes as text when they are valid UTF-8, else null (they are then shown as base64). */
    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** The same records with all their headers and whole bodies, newest first. */
    public List<DeadLetterRecord> details(String topic, int limit) {
        String dlq = Topics.deadLetterOf(originalTopic(topic));
        DeadLetterReader.Batch batch = reader.readAll(dlq, Math.min(limit, MAX_RECORDS));
        Map<String, String> redriven = redrivenPositions(dlq);
        List<ConsumerRecord<String, byte[]>> newestFirst = new ArrayList<>(batch.records());
        newestFirst.sort(java.util.Comparator.<ConsumerRecord<String, byte[]>>comparingLong(ConsumerRecord::timestamp)
                .thenComparingLong(ConsumerRecord::offset).reversed());
        List<DeadLetterRecord> details = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> r : newestFirst) {
            Map<String, String> headers = new java.util.LinkedHashMap<>();
            for (Header header : r.headers()) {
                headers.put(header.key(), header.value() == null ? null
                        : new String(header.value(), StandardCharsets.UTF_8));
            }
            details.add(new DeadLetterRecord(deadLetter(r, redriven.get(position(r))),
                    java.time.Instant.ofEpochMilli(r.timestamp()).toString(), headers,
                    r.value() == null ? null : new String(r.value(), StandardCharsets.UTF_8)));
        }
        return details;
    }

    public RedriveResult redrive(RedriveRequest request) {
        String original = originalTopic(request.topic());
        String dlq = Topics.deadLetterOf(original);
        boolean all = Boolean.TRUE.equals(request.all());
        boolean dryRun = Boolean.TRUE.equals(request.dryRun());
        if (all == (request.offsets() != null && !request.offsets().isEmpty())) {
            throw ApiProblem.invalid("offsets", "must list the positions to redrive (\"<partition>:<offset>\", …) "
                    + "unless all is true, and be left out when it is");
        }
        Set<String> wanted = all ? Set.of() : normalise(request.offsets());
        List<ConsumerRecord<String, byte[]>> parked = reader.readAll(dlq, MAX_RECORDS).records();
        Map<String, ConsumerRecord<String, byte[]>> available = new HashMap<>();
        parked.forEach(r -> available.put(position(r), r));
        Map<String, String> redriven = redrivenPositions(dlq);

        List<String> positions = all ? parked.stream().map(DeadLetters::position).toList() : List.copyOf(wanted);
        List<RedriveResult.Outcome> results = new ArrayList<>();
        for (String position : positions) {
            ConsumerRecord<String, byte[]> record = available.get(position);
            if (record == null) {
                results.add(new RedriveResult.Outcome(position, null, null, "NOT_FOUND", "no record at " + position
                        + " in " + dlq));
            } else if (redriven.containsKey(position)) {
                if (!all) {
                    results.add(outcome(record, original, "ALREADY_REDRIVEN", "redriven at " + redriven.get(position)));
                }
            } else if (dryRun) {
                results.add(outcome(record, original, "WOULD_REDRIVE", null));
            } else {
                results.add(redriveOne(dlq, original, record));
            }
        }
        int done = (int) results.stream().filter(r -> r.outcome().equals(dryRun ? "WOULD_REDRIVE" : "REDRIVEN")).count();
        return new RedriveResult(original, dryRun, done, results.size() - done, results);
    }

    private RedriveResult.Outcome redriveOne(String dlq, String fallbackTopic, ConsumerRecord<String, byte[]> record) {
        String target = targetTopic(record, fallbackTopic);
        try {
            return transactions.execute(status -> {
                int claimed = jdbc.update("insert into dead_letter_redrive (dlq_topic, dlq_partition, dlq_offset, "
                                + "original_topic, message_key, message_id, redriven_at) values (?, ?, ?, ?, ?, ?, ?) "
                                + "on conflict do nothing", dlq, record.partition(), record.offset(), target,
                        record.key(), header(record, Headers.CE_ID), Timestamp.from(clock.instant()));
                if (claimed == 0) {
                    return outcome(record, target, "ALREADY_REDRIVEN", "redriven concurrently");
                }
                send(target, record);
                log.info("Redrove {} {} (key {}) to {}", dlq, position(record), record.key(), target);
                return outcome(record, target, "REDRIVEN", null);
            });
        } catch (RuntimeException e) {
            return outcome(record, target, "ERROR", e.getMessage());
        }
    }

    private void send(String topic, ConsumerRecord<String, byte[]> record) {
        RecordHeaders headers = new RecordHeaders();
        for (Header header : record.headers()) {
            if (!header.key().startsWith("sb_dlq_")) {
                headers.add(header);
            }
        }
        try {
            kafka.send(new ProducerRecord<>(topic, null, record.key(), record.value(), headers))
                    .get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending to " + topic, e);
        } catch (Exception e) {
            throw new IllegalStateException("could not send to " + topic + ": " + e.getMessage(), e);
        }
    }

    /** The parked record's own origin header wins; the requested topic is the fallback. Only consumed topics. */
    private static String targetTopic(ConsumerRecord<String, byte[]> record, String fallback) {
        String origin = header(record, Headers.DLQ_ORIGINAL_TOPIC);
        return origin != null && Topics.consumed().contains(origin) ? origin : fallback;
    }

    static String originalTopic(String topic) {
        if (topic == null || topic.isBlank()) {
            throw ApiProblem.invalid("topic", "is required, one of " + Topics.consumed());
        }
        String name = topic.trim();
        if (name.endsWith(Topics.DEAD_LETTER_SUFFIX)) {
            name = name.substring(0, name.length() - Topics.DEAD_LETTER_SUFFIX.length());
        }
        if (!Topics.consumed().contains(name)) {
            throw ApiProblem.invalid("topic", "must be a topic with a dead-letter topic, one of " + Topics.consumed());
        }
        return name;
    }

    private static Set<String> normalise(List<String> offsets) {
        return normalise(offsets, null);
    }

    /** {@code field} names the parameter in errors: {@code offsets[i]} by default. */
    private static Set<String> normalise(List<String> offsets, String field) {
        Set<String> positions = new LinkedHashSet<>();
        for (int i = 0; i < offsets.size(); i++) {
            String value = offsets.get(i) == null ? "" : offsets.get(i).trim();
            if (!value.matches("^([0-9]+:)?[0-9]{1,18}$") || value.split(":")[0].length() > 9) {
                throw ApiProblem.invalid(field == null ? "offsets[" + i + "]" : field,
                        "must be <partition>:<offset> or <offset>");
            }
            positions.add(value.contains(":") ? value : "0:" + value);
        }
        return positions;
    }

    private Map<String, String> redrivenPositions(String dlq) {
        Map<String, String> redriven = new HashMap<>();
        jdbc.query("select dlq_partition, dlq_offset, redriven_at from dead_letter_redrive where dlq_topic = ?",
                rs -> {
                    redriven.put(rs.getInt(1) + ":" + rs.getLong(2), rs.getTimestamp(3).toInstant().toString());
                }, dlq);
        return redriven;
    }

    private static DeadLetter deadLetter(ConsumerRecord<String, byte[]> r, String redrivenAt) {
        String originalPartition = header(r, Headers.DLQ_ORIGINAL_PARTITION);
        String originalOffset = header(r, Headers.DLQ_ORIGINAL_OFFSET);
        return new DeadLetter(position(r), r.partition(), r.offset(), r.key(), header(r, Headers.DLQ_REASON),
                header(r, Headers.DLQ_EXCEPTION), header(r, Headers.DLQ_ORIGINAL_TOPIC),
                originalPartition == null ? null : originalPartition + ":" + originalOffset,
                header(r, Headers.DLQ_FAILED_AT), header(r, Headers.DLQ_CONSUMER_GROUP), header(r, Headers.CE_TYPE),
                header(r, Headers.CE_ID), preview(r.value()), redrivenAt);
    }

    private static RedriveResult.Outcome outcome(ConsumerRecord<String, byte[]> r, String topic, String outcome,
                                                 String message) {
        return new RedriveResult.Outcome(position(r), r.key(), topic, outcome, message);
    }

    static String position(ConsumerRecord<?, ?> record) {
        return record.partition() + ":" + record.offset();
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static String preview(byte[] value) {
        if (value == null) {
            return null;
        }
        String text = new String(value, StandardCharsets.UTF_8).replaceAll("\\p{Cntrl}", " ");
        return text.length() <= PREVIEW_CHARS ? text : text.substring(0, PREVIEW_CHARS) + "…";
    }
}
