package io.switchboard.sim.common.openapi.fixes;

import java.util.List;

/** The fixes a document gets, in the order they run. */
public final class DocumentFixes {

    private DocumentFixes() {
    }

    /**
     * Every fix: first those for what swagger-parser refuses to load, then those for schema syntax the validator
     * refuses at a schema's first use. A fix that finds nothing to do changes nothing, so a document that loads
     * as published (Twilio's) passes through unchanged.
     */
    public static List<DocumentFix> all() {
        return List.of(
                new MoveParameterAllOfIntoSchema(),
                new MergeDuplicateParameters(),
                new AddMissingPathParameters(),
                new DropArrayExamples(),
                new DropMistypedDefaults(),
                new AddMissingArrayItems(),
                new ExpressDiscriminatorsAsEnums(),
                new DedupeEnumValues());
    }
}
