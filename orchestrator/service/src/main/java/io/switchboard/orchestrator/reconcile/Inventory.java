package io.switchboard.orchestrator.reconcile;

import java.util.List;
import java.util.Set;

/** What the providers hold right now. */
public interface Inventory {
    Listing list();

    /** Where the listing comes from, for the report. */
    String source();

    /**
     * @param incomplete kinds that may not have been listed completely (an account that could not be read, a page
     *                   limit reached): a database reference to such a resource cannot be called dangling
     * @param warnings   what went wrong while listing, for the report (never a secret)
     */
    record Listing(List<Resource> resources, Set<Resource.Kind> incomplete, List<String> warnings) {
        public static Listing complete(List<Resource> resources) {
            return new Listing(resources, Set.of(), List.of());
        }
    }
}
