package io.switchboard.sim.twilio;

import io.switchboard.sim.common.openapi.OpenApiDocument;
import io.switchboard.sim.common.openapi.fixes.DocumentFixes;

/**
 * Twilio's official OpenAPI document for the 2010-04-01 REST API (twilio/twilio-oai
 * {@code spec/json/twilio_api_v2010.json}, unchanged in {@code src/main/resources/specs}), the court every request to
 * the simulator is judged by. Loaded once per JVM on first use, however many simulators start: building the
 * validator takes about a second. It loads as published; the fixes are there for a future version that needs them.
 */
public final class TwilioDocument {

    public static final String RESOURCE = "/specs/twilio_api_v2010.json";

    private TwilioDocument() {
    }

    public static OpenApiDocument get() {
        return Holder.DOCUMENT;
    }

    private static final class Holder {
        static final OpenApiDocument DOCUMENT = OpenApiDocument.load(TwilioDocument.class, RESOURCE, DocumentFixes.all());
    }
}
