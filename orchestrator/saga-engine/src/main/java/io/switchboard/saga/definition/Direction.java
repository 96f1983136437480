package io.switchboard.saga.definition;

/** A step runs forward (its action) or backward (its compensation). */
public enum Direction {
    ACTION, COMPENSATION
}
