package io.switchboard.sim.common.openapi.fixes;

import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * One change to a provider's OpenAPI document, made in memory before the validator library sees it, because the
 * document as published does not load (a parse error) or trips the library lazily (a schema syntax error at first
 * use). A fix repairs the document's syntax only: it must never let the validator accept a request or response
 * that the document, read as its authors evidently meant it, would reject. Each implementation says why it cannot.
 */
public interface DocumentFix {

    /** Applies the fix in place and returns the JSON pointers of what it changed (empty when nothing needed it). */
    List<String> apply(ObjectNode document);

    /** A short name for logs and {@code docs/provider-documents.md}. */
    default String name() {
        return getClass().getSimpleName();
    }
}
