package io.switchboard.orchestrator.console;

/** A page the console will not show, with a message written for the person looking (never a secret). */
final class ConsoleRefusal extends RuntimeException {
    private final int status;
    private final String title;

    ConsoleRefusal(int status, String title, String message) {
        super(message);
        this.status = status;
        this.title = title;
    }

    static ConsoleRefusal notFound(String what) {
        return new ConsoleRefusal(404, "Not found", "There is no " + what + " that this session may see.");
    }

    int status() {
        return status;
    }

    String title() {
        return title;
    }
}
