package io.switchboard.notifier.config;

import io.switchboard.contracts.commands.SendApprovalEmail;
import io.switchboard.contracts.commands.SendFailureEmail;
import io.switchboard.contracts.wire.Topics;
import io.switchboard.messaging.worker.CommandHandlers;
import io.switchboard.messaging.worker.WorkerRuntime;
import io.switchboard.notifier.delivery.DeliveryLedger;
import io.switchboard.notifier.email.EmailComposer;
import io.switchboard.notifier.email.EmailTemplates;
import io.switchboard.notifier.email.SmtpConnectionPool;
import io.switchboard.notifier.email.SmtpMailer;
import io.switchboard.notifier.handlers.AtMostOnceEmailDelivery;
import io.switchboard.notifier.handlers.SendApprovalEmailHandler;
import io.switchboard.notifier.handlers.SendFailureEmailHandler;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

import java.time.Clock;

/** Wires the notifier: templates, SMTP, the delivery ledger, the two command handlers and their Kafka listener. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(NotifierProperties.class)
public class NotifierConfiguration {
    /** One consumer group for every notifier process: scaling out splits the topic's partitions among them. */
    public static final String CONSUMER_GROUP = "switchboard-notifier";

    @Bean
    public EmailTemplates emailTemplates() {
        return new EmailTemplates();
    }

    @Bean
    public EmailComposer emailComposer(EmailTemplates templates, NotifierProperties properties) {
        return new EmailComposer(templates, properties);
    }

    @Bean
    public SmtpMailer smtpMailer(JavaMailSender mailSender, SmtpConnectionPool connections,
                                 NotifierProperties properties, Clock clock) {
        return new SmtpMailer(mailSender, connections::send, fromAddress(properties.from()), clock);
    }

    /** Connects with Spring Boot's sender's settings ({@code spring.mail.*}); closed with the context. */
    @Bean
    public SmtpConnectionPool smtpConnectionPool(JavaMailSender mailSender, NotifierProperties properties, Clock clock) {
        if (!(mailSender instanceof JavaMailSenderImpl settings)) {
            throw new IllegalStateException("The notifier needs Spring Boot's JavaMailSenderImpl (spring.mail.*), found "
                    + mailSender.getClass().getName());
        }
        return new SmtpConnectionPool(settings, properties.smtpIdleConnections(), properties.smtpIdleTimeout(), clock);
    }

    @Bean
    public DeliveryLedger deliveryLedger(JdbcClient jdbcClient) {
        return new DeliveryLedger(jdbcClient);
    }

    @Bean
    public AtMostOnceEmailDelivery emailDelivery(DeliveryLedger ledger, SmtpMailer mailer, Clock clock,
                                                 NotifierProperties properties) {
        return new AtMostOnceEmailDelivery(ledger, mailer, clock, properties.inFlightWindow());
    }

    @Bean
    public SendApprovalEmailHandler sendApprovalEmailHandler(EmailComposer composer, AtMostOnceEmailDelivery delivery) {
        return new SendApprovalEmailHandler(composer, delivery);
    }

    @Bean
    public SendFailureEmailHandler sendFailureEmailHandler(EmailComposer composer, AtMostOnceEmailDelivery delivery) {
        return new SendFailureEmailHandler(composer, delivery);
    }

    @Bean
    public CommandHandlers notifierCommandHandlers(SendApprovalEmailHandler approval, SendFailureEmailHandler failure) {
        return new CommandHandlers()
                .on(SendApprovalEmail.class, approval)
                .on(SendFailureEmail.class, failure);
    }

    @Bean
    public ConcurrentMessageListenerContainer<String, byte[]> notifierCommandListener(
            WorkerRuntime workerRuntime, CommandHandlers notifierCommandHandlers) {
        return workerRuntime.listen(Topics.NOTIFIER_COMMANDS, CONSUMER_GROUP, notifierCommandHandlers);
    }

    /** Fails at startup rather than on the first email when {@code switchboard.notifier.from} is malformed. */
    private static InternetAddress fromAddress(String from) {
        try {
            InternetAddress address = new InternetAddress(from, true);
            address.validate();
            return address;
        } catch (AddressException e) {
            throw new IllegalStateException("switchboard.notifier.from is not a valid address: '" + from + "'", e);
        }
    }
}
