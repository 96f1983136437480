package io.switchboard.harness.reconcile;

import java.util.List;

/** What the providers hold right now. */
public interface Inventory {
    List<Resource> list();

    /** Where the listing came from, for the report. */
    String source();
}
