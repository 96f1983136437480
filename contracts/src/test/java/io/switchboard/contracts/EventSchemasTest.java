package io.switchboard.contracts;

import com.networknt.schema.InputFormat;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.switchboard.contracts.events.InboundAiChanged;
import io.switchboard.contracts.events.OrganizationApproved;
import io.switchboard.contracts.wire.EventSchemas;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import java.io.InputStream;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The published JSON Schemas accept what the event records produce and reject what upstream must not send. */
class EventSchemasTest {
    private final JsonMapper json = JsonMapper.builder().build();

    private Set<ValidationMessage> validate(String ceType, String body) throws Exception {
        String resource = EventSchemas.schemaResourceFor(ceType).orElseThrow();
        try (InputStream in = EventSchemas.class.getResourceAsStream(resource)) {
            JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
            return schema.validate(body, InputFormat.JSON);
        }
    }

    @Test
    void anApprovalAsTheRecordWritesItConforms() throws Exception {
        String body = json.writeValueAsString(new OrganizationApproved("org-42", "Acme", "owner@acme.test",
                "verified", "US", "510", null));
        assertThat(validate(OrganizationApproved.TYPE, body)).isEmpty();
    }

    @Test
    void aToggleAsTheRecordWritesItConforms() throws Exception {
        String body = json.writeValueAsString(new InboundAiChanged("org-42", true));
        assertThat(validate(InboundAiChanged.TYPE, body)).isEmpty();
    }

    @Test
    void theOptionalNumberOptionsAndTheToggleOfANewOrganizationConform() throws Exception {
        assertThat(validate(OrganizationApproved.TYPE, json.writeValueAsString(new OrganizationApproved("org-42", "Acme",
                "owner@acme.test", "verified", "US", "510", "cred-1", "own_number", "PN" + "0123456789abcdef".repeat(2)))))
                .isEmpty();
        assertThat(validate(OrganizationApproved.TYPE, json.writeValueAsString(new OrganizationApproved("org-42", "Acme",
                "owner@acme.test", "verified", "US", null, "cred-1", null, "+15105550100")))).isEmpty();
        assertThat(validate(InboundAiChanged.TYPE, json.writeValueAsString(new InboundAiChanged("org-42", true, "Acme",
                "owner@acme.test", "US", "510", null, "force_twilio", null)))).isEmpty();
    }

    @Test
    void anUnknownNumberSourceOrAMalformedOwnNumberIsRejected() throws Exception {
        assertThat(validate(OrganizationApproved.TYPE, json.writeValueAsString(new OrganizationApproved("org-42", "Acme",
                "owner@acme.test", "verified", "US", null, null, "cheapest", null))))
                .extracting(ValidationMessage::getMessage).anyMatch(m -> m.contains("numberSource"));
        assertThat(validate(InboundAiChanged.TYPE, json.writeValueAsString(new InboundAiChanged("org-42", true, null,
                null, null, null, "cred-1", null, "5105550100"))))
                .extracting(ValidationMessage::getMessage).anyMatch(m -> m.contains("ownNumber"));
        assertThat(validate(InboundAiChanged.TYPE, json.writeValueAsString(new InboundAiChanged("org-42", true, null,
                "not an address", null, null, null, null, null))))
                .extracting(ValidationMessage::getMessage).anyMatch(m -> m.contains("ownerEmail"));
    }

    @Test
    void anApprovalWithoutOwnerEmailOrWithABadAreaCodeIsRejected() throws Exception {
        assertThat(validate(OrganizationApproved.TYPE,
                "{\"orgId\":\"org-42\",\"orgName\":\"Acme\",\"status\":\"verified\",\"country\":\"US\"}"))
                .extracting(ValidationMessage::getMessage).anyMatch(m -> m.contains("ownerEmail"));
        assertThat(validate(OrganizationApproved.TYPE, "{\"orgId\":\"org-42\",\"orgName\":\"Acme\","
                + "\"ownerEmail\":\"o@a.test\",\"status\":\"verified\",\"country\":\"US\",\"areaCode\":\"51\"}"))
                .extracting(ValidationMessage::getMessage).anyMatch(m -> m.contains("areaCode"));
    }

    @Test
    void anOrgNameTooLongForVapiAssistantNamesIsRejected() throws Exception {
        String body = json.writeValueAsString(new OrganizationApproved("org-42", "A".repeat(31), "owner@acme.test",
                "verified", "US", null, null));
        assertThat(validate(OrganizationApproved.TYPE, body)).extracting(ValidationMessage::getMessage)
                .anyMatch(m -> m.contains("orgName"));
    }

    @Test
    void anOwnerEmailThatIsNotAPlainMailboxIsRejectedBeforeAnythingIsBought() throws Exception {
        for (String bad : new String[]{"<script>alert(1)</script>@x.example", "Owner <owner@acme.test>",
                "owner@acme.test, other@evil.test", "owner@@acme.test", "owner@acme", ".owner@acme.test",
                "own..er@acme.test", "owner@-acme.test", "\"quoted\"@acme.test", "owner@acme.test\r\nBcc: x@evil.test",
                "owner@acme.test\n", "owner@acme.test\u0085"}) {
            String body = json.writeValueAsString(new OrganizationApproved("org-42", "Acme", bad, "verified", "US", null, null));
            assertThat(validate(OrganizationApproved.TYPE, body)).as(bad).extracting(ValidationMessage::getMessage)
                    .anyMatch(m -> m.contains("ownerEmail"));
        }
        for (String good : new String[]{"owner@acme.test", "first.last+voice@sub.acme-corp.example", "o'neil@acme.co.uk"}) {
            String body = json.writeValueAsString(new OrganizationApproved("org-42", "Acme", good, "verified", "US", null, null));
            assertThat(validate(OrganizationApproved.TYPE, body)).as(good).isEmpty();
        }
    }

    @Test
    void anOrgNameWithControlOrLineBreakingCharactersIsRejected() throws Exception {
        for (String bad : new String[]{"Acme\r\nINFO forged log line", "Acme\u0000", "Acme\u2028x", "Acme\u202Egnp.exe",
                "Acme\u0085", "Acme\n"}) {
            String body = json.writeValueAsString(new OrganizationApproved("org-42", bad, "owner@acme.test", "verified", "US", null, null));
            assertThat(validate(OrganizationApproved.TYPE, body)).as(bad).extracting(ValidationMessage::getMessage)
                    .anyMatch(m -> m.contains("orgName"));
        }
        String body = json.writeValueAsString(new OrganizationApproved("org-42", "Café Müller & Söhne", "owner@acme.test",
                "verified", "US", null, null));
        assertThat(validate(OrganizationApproved.TYPE, body)).isEmpty();
    }

    @Test
    void unknownFieldsAreRejectedSoAContractChangeIsAVersionChange() throws Exception {
        assertThat(validate(InboundAiChanged.TYPE, "{\"orgId\":\"org-42\",\"inboundAi\":true,\"extra\":1}")).isNotEmpty();
    }
}
