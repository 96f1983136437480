package io.switchboard.infra.stack;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The broker of {@link LocalKafka} as its own OS process ({@link KafkaBrokerProcess} starts it): one KRaft node on
 * the given ports and data directory, until SIGTERM (clean shutdown), SIGKILL (a crash) or the end of its standard
 * input (the JVM that started it is gone: a broker must not outlive it on a shared machine).
 * <p>
 * Arguments: {@code --host= --port= --controller-port= --log-dir= --partitions= [--broker.<property>=<value>…]}.
 */
public final class KafkaBrokerMain {
    static final String READY = "switchboard-kafka-broker ready on ";
    private static final String LOGBACK_CONFIG = "switchboard-local-stack-logback.xml";

    private KafkaBrokerMain() {
    }

    public static void main(String[] argv) throws Exception {
        if (System.getProperty("logback.configurationFile") == null
                && KafkaBrokerMain.class.getClassLoader().getResource(LOGBACK_CONFIG) != null) {
            System.setProperty("logback.configurationFile", LOGBACK_CONFIG);
        }
        Map<String, String> args = new LinkedHashMap<>();
        Map<String, String> overrides = new LinkedHashMap<>();
        for (String arg : argv) {
            int eq = arg.indexOf('=');
            String name = arg.substring(2, eq);
            if (name.startsWith("broker.")) {
                overrides.put(name.substring("broker.".length()), arg.substring(eq + 1));
            } else {
                args.put(name, arg.substring(eq + 1));
            }
        }
        LocalKafkaConfig config = new LocalKafkaConfig(args.get("host"), Integer.parseInt(args.get("port")),
                Integer.parseInt(args.get("controller-port")), Path.of(args.get("log-dir")),
                Integer.parseInt(args.getOrDefault("partitions", "3")), null, overrides);
        LocalKafka kafka = LocalKafka.start(config);
        Runtime.getRuntime().addShutdownHook(new Thread(kafka::close, "kafka-broker-shutdown"));
        System.out.println(READY + kafka.bootstrapServers());
        System.out.flush();
        try {
            while (System.in.read() >= 0) {
                // nothing is ever sent; we only wait for the parent's end of the pipe to close
            }
        } catch (IOException ignored) {
            // the pipe broke: same as end of input
        }
        System.exit(0);
    }
}
