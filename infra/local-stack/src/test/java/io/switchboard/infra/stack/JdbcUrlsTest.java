package io.switchboard.infra.stack;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JdbcUrlsTest {
    @Test
    void swapsDatabaseKeepingHostAndParameters() {
        assertThat(JdbcUrls.withDatabase("jdbc:postgresql://127.0.0.1:5432/test?sslmode=disable", "other"))
                .isEqualTo("jdbc:postgresql://127.0.0.1:5432/other?sslmode=disable");
        assertThat(JdbcUrls.withDatabase("jdbc:postgresql://h1:1,h2:2/", "x")).isEqualTo("jdbc:postgresql://h1:1,h2:2/x");
        assertThat(JdbcUrls.withDatabase("jdbc:postgresql://localhost", "x")).isEqualTo("jdbc:postgresql://localhost/x");
        assertThat(JdbcUrls.database("jdbc:postgresql://localhost:1/abc?x=1")).isEqualTo("abc");
    }

    @Test
    void rejectsOtherDrivers() {
        assertThatThrownBy(() -> JdbcUrls.withDatabase("jdbc:mysql://h/db", "x"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
