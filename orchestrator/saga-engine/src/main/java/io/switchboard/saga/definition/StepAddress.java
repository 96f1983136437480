package io.switchboard.saga.definition;

/**
 * How a step and direction travel in the {@code sb_step} header: {@code acquire-number} for the action,
 * {@code acquire-number/undo} for its compensation. Workers echo it back unchanged.
 */
public record StepAddress(String step, Direction direction) {
    private static final String UNDO = "/undo";

    public String header() {
        return direction == Direction.ACTION ? step : step + UNDO;
    }

    public static StepAddress parse(String header) {
        if (header.endsWith(UNDO)) {
            return new StepAddress(header.substring(0, header.length() - UNDO.length()), Direction.COMPENSATION);
        }
        return new StepAddress(header, Direction.ACTION);
    }
}
