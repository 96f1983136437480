package io.switchboard.notifier.email;

import jakarta.mail.util.StreamProvider;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MailStreamsTest {

    @Test
    void namesAProviderThatJakartaMailLoadsWithoutItsClasspathScan() {
        MailStreams.useAngusProvider();

        assertThat(System.getProperty(MailStreams.PROPERTY)).isEqualTo(MailStreams.ANGUS);
        // FactoryFinder instantiates the named class; a wrong name would make this throw instead of falling back.
        assertThat(StreamProvider.provider().getClass().getName()).isEqualTo(MailStreams.ANGUS);
    }
}
