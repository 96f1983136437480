package io.switchboard.sim.vapi;

import io.switchboard.sim.common.openapi.OpenApiDocument;
import io.switchboard.sim.common.openapi.fixes.DocumentFixes;

/**
 * VAPI's official OpenAPI document (VapiAI/docs {@code fern/apis/api/openapi.json}, also served at
 * https://api.vapi.ai/api-json; unchanged in {@code src/main/resources/specs}), the court every request to the
 * simulator is judged by. It does not load as published; {@link DocumentFixes} repair its syntax in memory (see
 * docs/provider-documents.md). Loaded once per JVM on first use, however many simulators start: reading and
 * normalising the 3.25 MB document and building the validator takes one to two seconds.
 */
public final class VapiDocument {

    public static final String RESOURCE = "/specs/vapi_openapi.json";

    private VapiDocument() {
    }

    public static OpenApiDocument get() {
        return Holder.DOCUMENT;
    }

    private static final class Holder {
        static final OpenApiDocument DOCUMENT = OpenApiDocument.load(VapiDocument.class, RESOURCE, DocumentFixes.all());
    }
}
