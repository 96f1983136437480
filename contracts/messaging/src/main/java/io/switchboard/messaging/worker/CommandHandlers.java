package io.switchboard.messaging.worker;

import io.switchboard.contracts.commands.Command;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The commands one worker understands, each with its handler. */
public final class CommandHandlers {
    private final Map<Class<? extends Command>, CommandHandler<? extends Command>> byType = new LinkedHashMap<>();

    public <C extends Command> CommandHandlers on(Class<C> type, CommandHandler<C> handler) {
        byType.put(type, handler);
        return this;
    }

    @SuppressWarnings("unchecked")
    <C extends Command> Optional<CommandHandler<C>> forType(Class<C> type) {
        return Optional.ofNullable((CommandHandler<C>) byType.get(type));
    }

    public java.util.Set<Class<? extends Command>> types() {
        return java.util.Collections.unmodifiableSet(byType.keySet());
    }
}
