package io.switchboard.infra.stack;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Broker properties for one combined broker+controller node with a static single-voter quorum. */
final class KafkaBrokerProperties {
    static final int NODE_ID = 1;
    static final String CONTROLLER_LISTENER = "CONTROLLER";

    private KafkaBrokerProperties() {
    }

    static Map<String, String> of(LocalKafkaConfig config, int port, int controllerPort, Path logDir) {
        String host = config.host();
        Map<String, String> p = new LinkedHashMap<>();
        p.put("process.roles", "broker,controller");
        p.put("node.id", String.valueOf(NODE_ID));
        // Static voters: no dynamic-quorum bootstrap needed, and a reused log dir survives a port change.
        p.put("controller.quorum.voters", NODE_ID + "@" + host + ":" + controllerPort);
        p.put("controller.listener.names", CONTROLLER_LISTENER);
        p.put("listeners", "PLAINTEXT://" + host + ":" + port + "," + CONTROLLER_LISTENER + "://" + host + ":" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://" + host + ":" + port);
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("log.dirs", logDir.toAbsolutePath().toString());
        p.put("num.partitions", String.valueOf(config.numPartitions()));
        p.put("default.replication.factor", "1");
        p.put("min.insync.replicas", "1");
        // Internal topics default to replication factor 3, which a single node can never satisfy.
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "10");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "10");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        // Tests and the local stack start consumers one by one; waiting 3 s for more members only slows them.
        p.put("group.initial.rebalance.delay.ms", "0");
        // Few threads: this broker shares two cores with everything else on a dev machine.
        p.put("num.network.threads", "2");
        p.put("num.io.threads", "4");
        p.put("log.cleaner.dedupe.buffer.size", String.valueOf(8 * 1024 * 1024));
        p.putAll(config.overrides());
        return p;
    }
}
