package io.switchboard.messaging.logging;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * {@code %m} / {@code %msg} with line breaks and other control characters escaped ({@code \r}, {@code \n},
 * {@code \u2028}, …), so text that came from outside — an organization name, a provider's error message — can never
 * start a forged log line or hide part of one. Stack traces are printed by their own converter and keep their lines.
 */
public class EscapedMessageConverter extends MessageConverter {

    @Override
    public String convert(ILoggingEvent event) {
        return escape(super.convert(event));
    }

    static String escape(String message) {
        if (message == null || message.chars().noneMatch(EscapedMessageConverter::needsEscape)) {
            return message;
        }
        StringBuilder out = new StringBuilder(message.length() + 16);
        message.chars().forEach(c -> {
            switch (c) {
                case '\r' -> out.append("\\r");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                default -> {
                    if (needsEscape(c)) {
                        out.append(String.format("\\u%04X", c));
                    } else {
                        out.append((char) c);
                    }
                }
            }
        });
        return out.toString();
    }

    /** C0 and C1 controls, line and paragraph separators, and the bidirectional overrides that reorder what is shown. */
    private static boolean needsEscape(int c) {
        return Character.getType(c) == Character.CONTROL || c == '\u2028' || c == '\u2029'
                || (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069');
    }
}
