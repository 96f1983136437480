package io.switchboard.messaging.config;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.switchboard.messaging.authentication.MessageAuthenticator;
import io.switchboard.messaging.authentication.MessageKeyset;
import io.switchboard.messaging.codec.JsonCodec;
import io.switchboard.messaging.headers.CloudEventHeaders;
import io.switchboard.messaging.worker.WorkerRuntime;
import io.switchboard.contracts.wire.Topics;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;

import java.time.Clock;
import java.util.Map;

/**
 * Kafka clients as every Switchboard service uses them: string keys (the org id), JSON bodies as raw bytes (we
 * decode ourselves so a bad message can be dead-lettered instead of failing inside the client), idempotent
 * producers with {@code acks=all}, and manual offset commits.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MessagingProperties.class)
public class MessagingConfiguration {

    @Bean
    public JsonCodec jsonCodec() {
        return new JsonCodec();
    }

    @Bean
    public Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    public CloudEventHeaders cloudEventHeaders(MessagingProperties properties, Clock clock) {
        return new CloudEventHeaders(properties.source(), clock);
    }

    /** Fails the start of any service without the shared keyset: an unauthenticated worker would act on forgeries. */
    @Bean
    public MessageAuthenticator messageAuthenticator(MessagingProperties properties) {
        return new MessageAuthenticator(MessageKeyset.fromJson(properties.authentication().keyset()));
    }

    @Bean
    public ProducerFactory<String, byte[]> switchboardProducerFactory(KafkaProperties kafka, MessagingProperties properties) {
        Map<String, Object> config = kafka.buildProducerProperties();
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, properties.lingerMs());
        return new DefaultKafkaProducerFactory<>(config);
    }

    @Bean
    public KafkaTemplate<String, byte[]> switchboardKafkaTemplate(ProducerFactory<String, byte[]> producerFactory) {
        return new KafkaTemplate<>(producerFactory);
    }

    @Bean
    public ConsumerFactory<String, byte[]> switchboardConsumerFactory(KafkaProperties kafka) {
        Map<String, Object> config = kafka.buildConsumerProperties();
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return new DefaultKafkaConsumerFactory<>(config);
    }

    /** Spring's KafkaAdmin creates missing topics at startup; existing ones are left as they are. */
    @Bean
    public KafkaAdmin.NewTopics switchboardTopics(MessagingProperties properties) {
        return new KafkaAdmin.NewTopics(Topics.all().stream()
                .map(name -> TopicBuilder.name(name).partitions(properties.topicPartitions())
                        .replicas(properties.topicReplicas()).build())
                .toArray(NewTopic[]::new));
    }

    @Bean
    public WorkerRuntime workerRuntime(ConsumerFactory<String, byte[]> consumerFactory,
                                       KafkaTemplate<String, byte[]> kafkaTemplate, JsonCodec codec,
                                       CloudEventHeaders headers, MessageAuthenticator authenticator,
                                       MessagingProperties properties, Clock clock,
                                       ObjectProvider<MeterRegistry> meters) {
        // The actuator's registry where the service has one; else the metrics stay in the process, unread.
        return new WorkerRuntime(consumerFactory, kafkaTemplate, codec, headers, authenticator, properties, clock,
                meters.getIfAvailable(SimpleMeterRegistry::new));
    }
}
