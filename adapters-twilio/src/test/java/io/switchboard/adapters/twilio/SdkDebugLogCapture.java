package io.switchboard.adapters.twilio;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns the Twilio SDK's own DEBUG logging on ({@code logging.level.com.twilio=DEBUG}, as an operator chasing a
 * problem would) and captures every log line of the JVM while it is on, messages and stack traces alike.
 */
final class SdkDebugLogCapture implements AutoCloseable {
    private final Logger twilioLogger = (Logger) LoggerFactory.getLogger("com.twilio");
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final Level previousLevel = twilioLogger.getLevel();
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    SdkDebugLogCapture() {
        appender.start();
        root.addAppender(appender);
        twilioLogger.setLevel(Level.DEBUG);
    }

    /** Every captured line: logger, message, and the messages of any attached exception and its causes. */
    List<String> lines() {
        List<String> lines = new ArrayList<>();
        synchronized (appender) {
            for (ILoggingEvent event : appender.list) {
                StringBuilder line = new StringBuilder(event.getLoggerName()).append(' ').append(event.getFormattedMessage());
                for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
                    line.append(" | ").append(t.getClassName()).append(": ").append(t.getMessage());
                }
                event.getMDCPropertyMap().forEach((k, v) -> line.append(' ').append(k).append('=').append(v));
                lines.add(line.toString());
            }
        }
        return lines;
    }

    /** Lines the SDK itself wrote at DEBUG: proof that its request/response dump really ran. */
    List<String> sdkDebugLines() {
        return lines().stream().filter(l -> l.startsWith("com.twilio")).toList();
    }

    @Override
    public void close() {
        twilioLogger.setLevel(previousLevel);
        root.detachAppender(appender);
        appender.stop();
    }
}
