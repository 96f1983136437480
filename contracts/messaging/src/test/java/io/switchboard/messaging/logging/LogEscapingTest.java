package io.switchboard.messaging.logging;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A service's logging as configured by the logback-spring.xml every service gets from this module: text that came
 * from outside cannot start a line of its own.
 */
@SpringBootTest(classes = LogEscapingTest.NoBeans.class)
@ExtendWith(OutputCaptureExtension.class)
class LogEscapingTest {

    @Configuration(proxyBeanMethods = false)
    static class NoBeans {
    }

    @Test
    void anOrganizationNameWithLineBreaksStaysOnItsLogLine(CapturedOutput output) {
        String forged = "Acme\r\n2026-12-01T00:00:00.000Z  INFO 1 --- [main] i.s.Security : admin token accepted";

        try (LogContext ignored = LogContext.of("saga-1", "org-1", "create-inbound-assistant")) {
            LoggerFactory.getLogger("io.switchboard.test").info("Created assistant for {} with \u2028 and \u202E", forged);
        }

        assertThat(output.getOut().lines().filter(line -> line.contains("admin token accepted")))
                .singleElement().satisfies(line -> assertThat(line)
                        .contains("Created assistant for Acme\\r\\n2026-12-01")
                        .contains("\\u2028 and \\u202E"));
    }

    @Test
    void escapingKeepsOrdinaryTextAndNonAsciiLetters() {
        assertThat(EscapedMessageConverter.escape("Café Müller ☎ +1 510 555 0100")).isEqualTo("Café Müller ☎ +1 510 555 0100");
        assertThat(EscapedMessageConverter.escape("a\tb\u0000c\u0085d")).isEqualTo("a\\tb\\u0000c\\u0085d");
        assertThat(EscapedMessageConverter.escape(null)).isNull();
    }
}
