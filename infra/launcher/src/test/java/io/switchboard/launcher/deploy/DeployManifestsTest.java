package io.switchboard.launcher.deploy;

import io.switchboard.adapters.twilio.config.TwilioWorkerConfiguration;
import io.switchboard.adapters.vapi.config.VapiWorkerConfiguration;
import io.switchboard.contracts.wire.Topics;
import io.switchboard.messaging.config.MessagingProperties;
import io.switchboard.notifier.config.NotifierConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.w3c.dom.Document;
import org.yaml.snakeyaml.Yaml;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * infra/deploy (docker-compose.yml, kubernetes/*.yaml, kafka-acls.sh) checked against the services themselves: every
 * environment variable names a property the service has, ports and probes are the ones the service listens on and
 * configures, every service starts from its own executable jar, instances fit the topics' partitions, secrets come
 * only from secrets, and the Kafka ACLs give each service exactly the topics and consumer group its code uses.
 */
class DeployManifestsTest {
    private static final Path ROOT = root();
    private static final Path DEPLOY = ROOT.resolve("infra/deploy");
    /** Environment variables the JVM itself reads. */
    private static final Set<String> JVM_ENV = Set.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS");
    private static final Pattern SECRET_NAME = Pattern.compile(".*(PASSWORD|TOKEN|KEYSET|API_KEY|JAAS).*");

    /** The four deployables: names in compose and Kubernetes, module, and where their configuration lives. */
    enum Service {
        ORCHESTRATOR("orchestrator", "switchboard-orchestrator", "orchestrator/service",
                ServiceConfiguration.of("orchestrator.yml", "io.switchboard.orchestrator", "io.switchboard.saga",
                        "io.switchboard.messaging", "io.switchboard.credentials")),
        TWILIO_WORKER("twilio-worker", "switchboard-twilio-worker", "adapters-twilio",
                ServiceConfiguration.of("twilio-worker.yml", "io.switchboard.adapters.twilio",
                        "io.switchboard.messaging", "io.switchboard.credentials")),
        VAPI_WORKER("vapi-worker", "switchboard-vapi-worker", "adapters-vapi",
                ServiceConfiguration.of("vapi-worker.yml", "io.switchboard.adapters.vapi",
                        "io.switchboard.messaging", "io.switchboard.credentials")),
        NOTIFIER("notifier", "switchboard-notifier", "notifier",
                ServiceConfiguration.of("notifier.yml", "io.switchboard.notifier", "io.switchboard.messaging"));

        final String composeName;
        final String deployment;
        final String module;
        final ServiceConfiguration config;

        Service(String composeName, String deployment, String module, ServiceConfiguration config) {
            this.composeName = composeName;
            this.deployment = deployment;
            this.module = module;
            this.config = config;
        }

        /** The Kafka topics the service's code consumes, and its consumer group. */
        List<String> consumes() {
            return switch (this) {
                case ORCHESTRATOR -> List.of(Topics.ORG_EVENTS, Topics.SAGA_REPLIES);
                case TWILIO_WORKER -> List.of(Topics.TWILIO_COMMANDS);
                case VAPI_WORKER -> List.of(Topics.VAPI_COMMANDS);
                case NOTIFIER -> List.of(Topics.NOTIFIER_COMMANDS);
            };
        }

        String consumerGroup() {
            return switch (this) {
                case ORCHESTRATOR -> config.yml("switchboard.orchestrator.consumer-group");
                case TWILIO_WORKER -> TwilioWorkerConfiguration.GROUP_ID;
                case VAPI_WORKER -> VapiWorkerConfiguration.GROUP_ID;
                case NOTIFIER -> NotifierConfiguration.CONSUMER_GROUP;
            };
        }

        /** Consumer threads per instance on its busiest topic. */
        int consumersPerInstance(Map<String, String> env) {
            if (this == ORCHESTRATOR) {
                return Math.max(Integer.parseInt(setting(env, "switchboard.orchestrator.event-concurrency")),
                        Integer.parseInt(setting(env, "switchboard.orchestrator.reply-concurrency")));
            }
            String concurrency = setting(env, "switchboard.messaging.worker-concurrency");
            return Integer.parseInt(concurrency != null ? concurrency : recordDefault("workerConcurrency"));
        }

        /** A property's effective value: the deployment's environment over the packaged yml. */
        String setting(Map<String, String> env, String property) {
            return ServiceConfiguration.env(property).stream().filter(env::containsKey).map(env::get).findFirst()
                    .orElse(config.yml(property));
        }

        int port(Map<String, String> env) {
            String port = setting(env, "server.port");
            return Integer.parseInt(port == null ? "8080" : port);
        }

        boolean servesHttp(Map<String, String> env) {
            String type = setting(env, "spring.main.web-application-type");
            return type == null || !type.equalsIgnoreCase("none");
        }

        String jarName() {
            return finalName(module) + "-exec.jar";
        }
    }

    // ---- docker compose ---------------------------------------------------------------------------------------

    @Test
    void composeStartsEveryServiceFromItsExecutableJarWithSettingsItHas() {
        Map<String, Object> services = map(compose().get("services"));
        for (Service service : Service.values()) {
            Map<String, Object> container = map(services.get(service.composeName));
            assertThat(container).as(service.composeName + " in docker-compose.yml").isNotNull();
            String jar = service.jarName();
            assertThat(list(container.get("command"))).as(service.composeName)
                    .containsExactly("java", "-jar", "/app/" + jar);
            assertThat(list(container.get("volumes"))).as(service.composeName)
                    .contains("../../" + service.module + "/target/" + jar + ":/app/" + jar + ":ro");

            Map<String, String> env = strings(map(container.get("environment")));
            assertKnown(service, env.keySet(), "docker-compose.yml");
            env.forEach((name, value) -> {
                if (SECRET_NAME.matcher(name).matches()) {
                    assertThat(value).as(name + " of " + service.composeName + " must come from the environment")
                            .matches("\\$\\{[A-Z_]+(:[-?][^}]*)?}");
                }
            });

            int port = service.port(env);
            for (Object mapping : list(container.get("ports"))) {
                assertThat(String.valueOf(mapping)).as(service.composeName + " ports").endsWith(":" + port);
            }
            Map<String, Object> healthcheck = map(container.get("healthcheck"));
            if (healthcheck != null) {
                String test = String.join(" ", list(healthcheck.get("test")));
                Matcher url = Pattern.compile("http://localhost:(\\d+)/actuator/health/(\\w+)").matcher(test);
                assertThat(url.find()).as(test).isTrue();
                assertThat(Integer.parseInt(url.group(1))).as(service.composeName + " health port").isEqualTo(port);
                assertProbe(service, env, url.group(2));
            }
        }
        assertOneTopicLayout(s -> strings(map(map(services.get(s.composeName)).get("environment"))));
    }

    // ---- kubernetes -------------------------------------------------------------------------------------------

    @Test
    void kubernetesDeploymentsUseSettingsPortsAndProbesTheServicesHave() {
        Kubernetes k8s = Kubernetes.load(DEPLOY.resolve("kubernetes"));
        for (Service service : Service.values()) {
            Map<String, Object> deployment = k8s.get("Deployment", service.deployment);
            Map<String, Object> container = map(list(map(map(map(deployment.get("spec")).get("template")).get("spec"))
                    .get("containers")).get(0));
            Map<String, String> env = k8s.environment(container);
            assertKnown(service, env.keySet(), "kubernetes/" + service.deployment);
            for (String name : env.keySet()) {
                if (SECRET_NAME.matcher(name).matches()) {
                    assertThat(k8s.fromSecret(container, name)).as(name + " of " + service.deployment
                            + " must come from a Secret").isTrue();
                }
            }

            int port = service.port(env);
            Map<String, Integer> ports = new HashMap<>();
            for (Object p : list(container.get("ports"))) {
                ports.put(String.valueOf(map(p).get("name")), (Integer) map(p).get("containerPort"));
            }
            assertThat(ports.values()).as(service.deployment + " containerPort").containsExactly(port);
            for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
                Map<String, Object> get = map(map(container.get(probe)).get("httpGet"));
                assertThat(get).as(service.deployment + " " + probe).isNotNull();
                Object probePort = get.get("port");
                assertThat(probePort instanceof Integer number ? number : ports.get(String.valueOf(probePort)))
                        .as(service.deployment + " " + probe + " port").isEqualTo(port);
                Matcher path = Pattern.compile("/actuator/health/(\\w+)").matcher(String.valueOf(get.get("path")));
                assertThat(path.matches()).as(String.valueOf(get.get("path"))).isTrue();
                assertProbe(service, env, path.group(1));
            }
            assertThat(String.valueOf(map(container).get("image"))).startsWith("switchboard/");

            // Files the settings point at are mounted.
            List<String> mounts = list(container.get("volumeMounts")).stream()
                    .map(m -> String.valueOf(map(m).get("mountPath"))).toList();
            for (String value : env.values()) {
                Matcher file = Pattern.compile("(?:file:|sslrootcert=)(/[^&\\s]+)").matcher(value);
                while (file.find()) {
                    String path = file.group(1);
                    assertThat(mounts).as(path + " of " + service.deployment).anyMatch(m -> path.startsWith(m + "/"));
                }
            }
        }
        Map<String, Object> api = k8s.get("Service", Service.ORCHESTRATOR.deployment);
        assertThat(map(list(map(api.get("spec")).get("ports")).get(0)).get("targetPort")).isEqualTo("http");
        assertOneTopicLayout(k8s::environment);
    }

    @Test
    void instancesFitTheTopicPartitionsAndEveryServiceRunsTwice() {
        Kubernetes k8s = Kubernetes.load(DEPLOY.resolve("kubernetes"));
        for (Service service : Service.values()) {
            Map<String, String> env = k8s.environment(service);
            int replicas = (Integer) map(k8s.get("Deployment", service.deployment).get("spec")).get("replicas");
            String partitions = service.setting(env, "switchboard.messaging.topic-partitions");
            int topicPartitions = Integer.parseInt(partitions != null ? partitions : recordDefault("topicPartitions"));
            assertThat(replicas).as(service.deployment + " replicas (one crash must not stop the service)")
                    .isGreaterThanOrEqualTo(2);
            // More consumers than partitions in one group sit idle.
            assertThat(replicas * service.consumersPerInstance(env)).as(service.deployment + " consumers")
                    .isLessThanOrEqualTo(topicPartitions);
            assertThat(k8s.get("PodDisruptionBudget", service.deployment)).as(service.deployment + " PDB").isNotNull();
        }
    }

    // ---- Kafka ACLs -------------------------------------------------------------------------------------------

    @Test
    void kafkaAclsGiveEachServiceExactlyTheTopicsAndGroupItsCodeUses() throws IOException {
        Map<String, Set<String>> granted = new HashMap<>();
        Pattern allow = Pattern.compile("^allow (\\S+) (\\S+) (topic|group|topic-prefix|cluster)\\s*(\\S*)\\s*$");
        for (String line : Files.readAllLines(DEPLOY.resolve("kafka-acls.sh"))) {
            Matcher m = allow.matcher(line.strip());
            if (!m.matches()) {
                continue;
            }
            if (m.group(3).equals("topic")) {
                assertThat(Topics.all()).as(line).contains(m.group(4));
            }
            String principal = m.group(1).replace("\"$principal\"", "*");
            granted.computeIfAbsent(principal, p -> new TreeSet<>()).add(m.group(2) + " " + m.group(3) + " " + m.group(4));
        }
        Kubernetes k8s = Kubernetes.load(DEPLOY.resolve("kubernetes"));
        for (Service service : Service.values()) {
            Set<String> expected = new TreeSet<>();
            service.consumes().forEach(topic -> {
                expected.add("Read topic " + topic);
                expected.add("Write topic " + Topics.deadLetterOf(topic));
            });
            expected.add("Read group " + service.consumerGroup());
            if (service == Service.ORCHESTRATOR) {
                List.of(Topics.TWILIO_COMMANDS, Topics.VAPI_COMMANDS, Topics.NOTIFIER_COMMANDS, Topics.SAGA_EVENTS)
                        .forEach(t -> expected.add("Write topic " + t));
                // The ops API reads every dead-letter topic and redrives a record to the topic it came from.
                Topics.consumed().forEach(t -> {
                    expected.add("Read topic " + Topics.deadLetterOf(t));
                    expected.add("Write topic " + t);
                });
                expected.add("Read group switchboard-ops-dlq-reader");
                // The console's live view (SagaEventFeed) reads saga events from assigned partitions, without a group.
                expected.add("Read topic " + Topics.SAGA_EVENTS);
                expected.add("Describe cluster ");
            } else {
                expected.add("Write topic " + Topics.SAGA_REPLIES);
            }
            assertThat(granted.get(service.deployment)).as("ACLs of " + service.deployment)
                    .containsExactlyInAnyOrderElementsOf(expected);
            // The principal the ACLs name is the one the service logs in as.
            String jaas = k8s.environment(service).get("SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG");
            assertThat(jaas).as(service.deployment).contains("username=\"" + service.deployment + "\"");
        }
        // Every service may create the topics it expects (KafkaAdmin at startup).
        assertThat(granted.get("*")).contains("Create topic-prefix switchboard.", "Describe topic-prefix switchboard.");
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    private static void assertKnown(Service service, Set<String> names, String where) {
        List<String> unknown = names.stream().filter(n -> !JVM_ENV.contains(n) && !service.config.accepts(n)).toList();
        assertThat(unknown).as("environment variables in " + where + " that name no property of "
                + service.config.ymlName() + " or its @ConfigurationProperties").isEmpty();
    }

    /** A probe's health group exists in the service's yml, health is exposed, and the service serves HTTP. */
    private static void assertProbe(Service service, Map<String, String> env, String group) {
        String name = service.config.ymlName();
        assertThat(service.servesHttp(env)).as(name + ": a probe needs SPRING_MAIN_WEB_APPLICATION_TYPE=servlet").isTrue();
        assertThat(service.config.yml("management.endpoint.health.group." + group + ".include"))
                .as(name + " health group " + group).isNotBlank();
        assertThat(service.config.yml("management.endpoint.health.probes.enabled")).as(name).isEqualTo("true");
        assertThat(service.config.yml("management.endpoints.web.exposure.include")).as(name).contains("health");
    }

    /** Every service creates missing topics: they must agree on the partitions and replicas. */
    private static void assertOneTopicLayout(java.util.function.Function<Service, Map<String, String>> envOf) {
        Set<String> layouts = new HashSet<>();
        for (Service service : Service.values()) {
            Map<String, String> env = envOf.apply(service);
            layouts.add(service.setting(env, "switchboard.messaging.topic-partitions") + "/"
                    + service.setting(env, "switchboard.messaging.topic-replicas"));
        }
        assertThat(layouts).as("topic partitions/replicas of the services").hasSize(1);
    }

    /** A {@code MessagingProperties} default ({@code @DefaultValue} on its canonical constructor). */
    private static String recordDefault(String component) {
        java.lang.reflect.RecordComponent[] components = MessagingProperties.class.getRecordComponents();
        Class<?>[] types = java.util.Arrays.stream(components).map(java.lang.reflect.RecordComponent::getType)
                .toArray(Class[]::new);
        try {
            java.lang.reflect.Parameter[] parameters = MessagingProperties.class.getDeclaredConstructor(types)
                    .getParameters();
            for (int i = 0; i < components.length; i++) {
                if (components[i].getName().equals(component)) {
                    return parameters[i].getAnnotation(DefaultValue.class).value()[0];
                }
            }
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
        throw new IllegalArgumentException("MessagingProperties has no " + component);
    }

    private static String finalName(String module) {
        try {
            Document pom = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                    .parse(ROOT.resolve(module).resolve("pom.xml").toFile());
            String xml = Files.readString(ROOT.resolve(module).resolve("pom.xml"));
            assertThat(xml).as(module + " repackages an executable jar").contains("<classifier>exec</classifier>");
            return pom.getElementsByTagName("finalName").item(0).getTextContent().strip();
        } catch (Exception e) {
            throw new IllegalStateException("cannot read " + module + "/pom.xml", e);
        }
    }

    private static Map<String, Object> compose() {
        try {
            return new Yaml().load(Files.readString(DEPLOY.resolve("docker-compose.yml")));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("infra/deploy"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("infra/deploy not found above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object node) {
        return (Map<String, Object>) node;
    }

    @SuppressWarnings("unchecked")
    static <T> List<T> list(Object node) {
        return node == null ? List.of() : (List<T>) node;
    }

    static Map<String, String> strings(Map<String, Object> map) {
        Map<String, String> strings = new LinkedHashMap<>();
        if (map != null) {
            map.forEach((k, v) -> strings.put(k, v == null ? "" : String.valueOf(v)));
        }
        return strings;
    }

    /** The Kubernetes documents of infra/deploy/kubernetes, by kind and name. */
    private record Kubernetes(Map<String, Map<String, Object>> byKindAndName) {
        static Kubernetes load(Path dir) {
            Map<String, Map<String, Object>> documents = new HashMap<>();
            try (var files = Files.list(dir)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                    for (Object document : new Yaml().loadAll(Files.readString(file))) {
                        Map<String, Object> doc = map(document);
                        String key = doc.get("kind") + "/" + map(doc.get("metadata")).get("name");
                        assertThat(documents.put(key, doc)).as(key + " defined twice").isNull();
                    }
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return new Kubernetes(documents);
        }

        Map<String, Object> get(String kind, String name) {
            Map<String, Object> doc = byKindAndName.get(kind + "/" + name);
            assertThat(doc).as(kind + " " + name + " in infra/deploy/kubernetes").isNotNull();
            return doc;
        }

        Map<String, String> environment(Service service) {
            Map<String, Object> spec = map(map(map(get("Deployment", service.deployment).get("spec")).get("template"))
                    .get("spec"));
            return environment(map(list(spec.get("containers")).get(0)));
        }

        /** envFrom (ConfigMaps and Secrets, which must exist here) then env, as Kubernetes applies them. */
        Map<String, String> environment(Map<String, Object> container) {
            Map<String, String> env = new LinkedHashMap<>();
            for (Object from : list(container.get("envFrom"))) {
                env.putAll(source(map(from)));
            }
            for (Object variable : list(container.get("env"))) {
                env.put(String.valueOf(map(variable).get("name")), String.valueOf(map(variable).get("value")));
            }
            return env;
        }

        boolean fromSecret(Map<String, Object> container, String name) {
            boolean inline = list(container.get("env")).stream().anyMatch(v -> name.equals(map(v).get("name"))
                    && map(v).get("valueFrom") == null);
            List<Map<String, String>> secrets = new ArrayList<>();
            List<Map<String, String>> configMaps = new ArrayList<>();
            for (Object from : list(container.get("envFrom"))) {
                (map(from).containsKey("secretRef") ? secrets : configMaps).add(source(map(from)));
            }
            return !inline && configMaps.stream().noneMatch(c -> c.containsKey(name))
                    && secrets.stream().anyMatch(s -> s.containsKey(name));
        }

        private Map<String, String> source(Map<String, Object> from) {
            if (from.containsKey("configMapRef")) {
                return strings(map(get("ConfigMap", String.valueOf(map(from.get("configMapRef")).get("name")))
                        .get("data")));
            }
            return strings(map(get("Secret", String.valueOf(map(from.get("secretRef")).get("name"))).get("stringData")));
        }
    }
}
