package io.switchboard.sim.common.openapi.fixes;

import static io.switchboard.sim.common.openapi.fixes.FixesTestSupport.document;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class ExpressDiscriminatorsAsEnumsTest {

    private static final String UNION = "/paths/~1phone-number/post/requestBody/content/application~1json/schema";

    @Test
    void replacesTheDiscriminatorByAGuardAndWrapsAlternativesThatDoNotPinTheirValue() {
        ObjectNode doc = document("""
                {'components':{'schemas':{
                    'Twilio':{'type':'object','properties':{'provider':{'type':'string','enum':['twilio']},'number':{'type':'string'}}},
                    'Vapi':{'type':'object','properties':{'provider':{'type':'string','enum':['vapi']}}},
                    'Code':{'type':'object','properties':{'provider':{'type':'string','enum':['code']}}}}},
                 'paths':{'/phone-number':{'post':{'requestBody':{'content':{'application/json':{'schema':{
                    'description':'a number',
                    'oneOf':[{'$ref':'#/components/schemas/Twilio'},{'$ref':'#/components/schemas/Vapi'},
                             {'$ref':'#/components/schemas/Code'}],
                    'discriminator':{'propertyName':'provider','mapping':{
                        'twilio':'#/components/schemas/Twilio','vapi':'#/components/schemas/Vapi'}}}}}},'responses':{}}}}}""");

        var changed = new ExpressDiscriminatorsAsEnums().apply(doc);

        // Code has no mapping entry, so by OpenAPI's implicit mapping its value is its schema name.
        assertThat(changed).containsExactly(UNION + "/oneOf/2", UNION + "/discriminator");
        ObjectNode union = (ObjectNode) doc.at(UNION);
        assertThat(union.has("discriminator")).isFalse();
        assertThat(union.get("description").stringValue()).isEqualTo("a number");
        assertThat(union.at("/allOf/0").toString()).isEqualTo(
                "{\"type\":\"object\",\"properties\":{\"provider\":{\"type\":\"string\",\"enum\":[\"Code\",\"twilio\",\"vapi\"]}},"
                        + "\"required\":[\"provider\"],\"additionalProperties\":true}");
        assertThat(union.at("/oneOf/0/$ref").stringValue()).isEqualTo("#/components/schemas/Twilio");
        assertThat(union.at("/oneOf/2/allOf/0/$ref").stringValue()).isEqualTo("#/components/schemas/Code");
        assertThat(union.at("/oneOf/2/allOf/1/properties/provider/enum").toString()).isEqualTo("[\"Code\"]");
        // The shared components themselves are not touched.
        assertThat(doc.at("/components/schemas/Twilio").has("required")).isFalse();
    }

    @Test
    void refusesAlternativesItCannotName() {
        ObjectNode doc = document("""
                {'components':{'schemas':{'U':{'oneOf':[{'type':'object','properties':{'kind':{'type':'string'}}}],
                    'discriminator':{'propertyName':'kind'}}}}}""");

        assertThatThrownBy(() -> new ExpressDiscriminatorsAsEnums().apply(doc)).isInstanceOf(IllegalStateException.class);
    }
}
