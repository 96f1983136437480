package io.switchboard.launcher;

import io.switchboard.contracts.events.InboundAiChanged;
import io.switchboard.contracts.wire.Topics;
import io.switchboard.messaging.codec.JsonCodec;
import io.switchboard.messaging.headers.CloudEventHeaders;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** Toggles inbound AI as the upstream admin service does, and calls the ops endpoints of one organization. */
final class LineClient implements AutoCloseable {
    private final SwitchboardSystem system;
    private final Supplier<String> orchestratorUrl;
    private final String authorization;
    private final KafkaProducer<String, byte[]> producer;
    private final JsonCodec codec = new JsonCodec();
    private final CloudEventHeaders headers = new CloudEventHeaders("/tests/admin-service");
    private final HttpClient http = HttpClient.newHttpClient();

    LineClient(SwitchboardSystem system, Supplier<String> orchestratorUrl, String authorization) {
        this.system = system;
        this.orchestratorUrl = orchestratorUrl;
        this.authorization = authorization;
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, system.stack().kafka().bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
    }

    void toggle(String orgId, boolean inboundAi) {
        toggle(new InboundAiChanged(orgId, inboundAi));
    }

    /** Publishes the event as it is (with any of its optional fields); returns its {@code ce_id}. */
    String toggle(InboundAiChanged event) {
        Map<String, String> eventHeaders = headers.newMessage(InboundAiChanged.TYPE, event.orgId(), null);
        try {
            producer.send(new ProducerRecord<>(Topics.ORG_EVENTS, null, event.orgId(), codec.encode(event),
                    CloudEventHeaders.toKafka(eventHeaders))).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return eventHeaders.get(io.switchboard.contracts.wire.Headers.CE_ID);
    }

    HttpResponse<String> post(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(orchestratorUrl.get() + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(orchestratorUrl.get() + path)).GET());
    }

    HttpResponse<String> delete(String path) {
        return send(HttpRequest.newBuilder(URI.create(orchestratorUrl.get() + path)).DELETE());
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            if (authorization != null) {
                request.header("Authorization", authorization);
            }
            return http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** One row of ai_config, read straight from the database the orchestrator writes. */
    record ConfigRow(String orgId, String status, String numberSid, String vapiPhoneNumberId, String inbound,
                     String outbound) {
    }

    List<ConfigRow> configs(String orgIdPrefix) {
        try (Connection connection = DriverManager.getConnection(system.stack().jdbcUrl(),
                system.stack().postgres().username(), system.stack().postgres().password())) {
            var statement = connection.prepareStatement("select org_id, status, number_sid, vapi_phone_number_id, "
                    + "inbound_assistant_id, outbound_assistant_id from ai_config where org_id like ?");
            statement.setString(1, orgIdPrefix + "%");
            List<ConfigRow> rows = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    rows.add(new ConfigRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6)));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The SIDs the number pool holds, whatever their status. */
    List<String> pooledNumberSids() {
        try (Connection connection = DriverManager.getConnection(system.stack().jdbcUrl(),
                system.stack().postgres().username(), system.stack().postgres().password());
             ResultSet rs = connection.createStatement().executeQuery("select number_sid from number_pool")) {
            List<String> sids = new ArrayList<>();
            while (rs.next()) {
                sids.add(rs.getString(1));
            }
            return sids;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every row of the number pool: SID to status. */
    Map<String, String> poolRows() {
        try (Connection connection = DriverManager.getConnection(system.stack().jdbcUrl(),
                system.stack().postgres().username(), system.stack().postgres().password());
             ResultSet rs = connection.createStatement().executeQuery("select number_sid, status from number_pool")) {
            Map<String, String> rows = new java.util.LinkedHashMap<>();
            while (rs.next()) {
                rows.put(rs.getString(1), rs.getString(2));
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** True when all these organizations' events arrived, none waits, and none of their sagas runs. */
    boolean settled(String orgIdPrefix, int expectedEvents) {
        try (Connection connection = DriverManager.getConnection(system.stack().jdbcUrl(),
                system.stack().postgres().username(), system.stack().postgres().password())) {
            var statement = connection.prepareStatement("select (select count(*) from saga_instance where org_id like ? "
                    + "and state in ('RUNNING','COMPENSATING')) + (select count(*) from org_event where org_id like ? "
                    + "and status = 'PENDING'), (select count(*) from org_event where org_id like ?)");
            statement.setString(1, orgIdPrefix + "%");
            statement.setString(2, orgIdPrefix + "%");
            statement.setString(3, orgIdPrefix + "%");
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1) == 0 && rs.getLong(2) >= expectedEvents;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
