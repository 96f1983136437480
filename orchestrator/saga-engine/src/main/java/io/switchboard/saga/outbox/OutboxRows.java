package io.switchboard.saga.outbox;

import io.switchboard.messaging.codec.JsonCodec;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;

/**
 * How outbox messages become rows of {@code outbox_message}: the columns, and a values list with its parameters. Shared
 * by {@link OutboxWriter} and by a caller that inserts a transaction's messages inside a statement of its own (the saga
 * store writes them with the saga's row, in one round trip).
 */
public final class OutboxRows {
    public static final String COLUMNS = "message_id, topic, message_key, headers, payload, created_at";
    private static final String ROW = "(?::uuid, ?, ?, ?::jsonb, ?::bytea, ?::timestamptz)";

    private final JsonCodec codec;

    public OutboxRows(JsonCodec codec) {
        this.codec = codec;
    }

    /** {@code values (...), (...)} for {@code count} messages, in the order {@link #bind} sets them. */
    public static String values(int count) {
        StringBuilder sql = new StringBuilder(8 + count * (ROW.length() + 2)).append("values ");
        for (int i = 0; i < count; i++) {
            sql.append(i == 0 ? "" : ", ").append(ROW);
        }
        return sql.toString();
    }

    /** Sets the parameters of {@link #values} from {@code first} on; returns the index after the last one set. */
    public int bind(PreparedStatement statement, int first, List<OutgoingMessage> messages) throws SQLException {
        int index = first;
        for (OutgoingMessage message : messages) {
            statement.setObject(index++, message.id());
            statement.setString(index++, message.topic());
            statement.setString(index++, message.key());
            statement.setString(index++, codec.encodeToString(message.headers()));
            statement.setBytes(index++, message.payload());
            statement.setTimestamp(index++, Timestamp.from(message.createdAt()));
        }
        return index;
    }
}
