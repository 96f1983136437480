package io.switchboard.contracts.replies;

/** A worker's answer to one command, sent to the command's reply topic with the same saga id and step headers. */
public interface Reply {
}
