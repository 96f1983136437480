package io.switchboard.infra.stack;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Swaps the database of a PostgreSQL JDBC URL, keeping hosts and query parameters. */
final class JdbcUrls {
    private static final Pattern URL = Pattern.compile("^(jdbc:postgresql://[^/?]*)(?:/([^?]*))?(\\?.*)?$");

    private JdbcUrls() {
    }

    static String withDatabase(String jdbcUrl, String database) {
        Matcher m = matcher(jdbcUrl);
        return m.group(1) + "/" + database + (m.group(3) == null ? "" : m.group(3));
    }

    static String database(String jdbcUrl) {
        Matcher m = matcher(jdbcUrl);
        return m.group(2) == null || m.group(2).isEmpty() ? "postgres" : m.group(2);
    }

    private static Matcher matcher(String jdbcUrl) {
        Matcher m = URL.matcher(jdbcUrl);
        if (!m.matches()) {
            throw new IllegalArgumentException("Not a PostgreSQL JDBC URL: " + jdbcUrl);
        }
        return m;
    }
}
