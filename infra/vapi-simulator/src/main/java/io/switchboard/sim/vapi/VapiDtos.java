package io.switchboard.sim.vapi;

import java.util.Set;

/**
 * Property names VAPI accepts per request DTO, copied from vapi_openapi.json (a test keeps them in sync).
 * VAPI's NestJS validation rejects anything else with "property X should not exist", which catches clients
 * still sending removed fields such as {@code serverUrl}.
 */
final class VapiDtos {

    static final Set<String> CREATE_ASSISTANT = Set.of(
            "transcriber", "model", "voice", "firstMessage", "firstMessageInterruptionsEnabled", "firstMessageMode",
            "voicemailDetection", "clientMessages", "serverMessages", "maxDurationSeconds", "backgroundSound",
            "modelOutputInMessagesEnabled", "transportConfigurations", "observabilityPlan", "credentials", "hooks",
            "name", "voicemailMessage", "endCallMessage", "endCallPhrases", "compliancePlan", "metadata",
            "backgroundSpeechDenoisingPlan", "analysisPlan", "artifactPlan", "startSpeakingPlan", "stopSpeakingPlan",
            "monitorPlan", "credentialIds", "server", "keypadInputPlan");

    /** Plus {@code credentialId}: the brief's alternative to inline Twilio secrets (not in the current spec). */
    static final Set<String> CREATE_TWILIO_PHONE_NUMBER = Set.of(
            "fallbackDestination", "hooks", "provider", "smsEnabled", "number", "twilioAccountSid", "twilioAuthToken",
            "twilioApiKey", "twilioApiSecret", "name", "assistantId", "workflowId", "squadId", "server", "credentialId");

    static final Set<String> CREATE_VAPI_PHONE_NUMBER = Set.of(
            "fallbackDestination", "hooks", "provider", "numberDesiredAreaCode", "sipUri", "authentication", "name",
            "assistantId", "workflowId", "squadId", "server");

    static final Set<String> UPDATE_TWILIO_PHONE_NUMBER = Set.of(
            "fallbackDestination", "hooks", "provider", "smsEnabled", "name", "assistantId", "workflowId", "squadId",
            "server", "number", "twilioAccountSid", "twilioAuthToken", "twilioApiKey", "twilioApiSecret");

    static final Set<String> UPDATE_VAPI_PHONE_NUMBER = Set.of(
            "fallbackDestination", "hooks", "provider", "name", "assistantId", "workflowId", "squadId", "server",
            "sipUri", "authentication");

    static final Set<String> CREATE_TWILIO_CREDENTIAL = Set.of(
            "provider", "authToken", "apiKey", "apiSecret", "accountSid", "name");

    /** Non-secret phone-number fields kept and echoed verbatim. */
    static final Set<String> PHONE_NUMBER_PASSTHROUGH = Set.of(
            "fallbackDestination", "hooks", "smsEnabled", "workflowId", "squadId", "server", "sipUri");

    private VapiDtos() {
    }
}
