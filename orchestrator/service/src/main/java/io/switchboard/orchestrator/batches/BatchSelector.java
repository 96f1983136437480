package io.switchboard.orchestrator.batches;

import java.util.List;

/** Which organizations a batch was asked for, as stored with it: explicit ids, or a filter. */
public record BatchSelector(List<String> orgIds, BatchFilter filter) {
}
