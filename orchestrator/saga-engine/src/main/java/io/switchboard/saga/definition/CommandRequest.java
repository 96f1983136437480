package io.switchboard.saga.definition;

import io.switchboard.contracts.commands.Command;

/** A command addressed to the topic of the worker that executes it. Built by the typed participant proxies. */
public record CommandRequest(String topic, Command command) {
}
