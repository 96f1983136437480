package io.switchboard.sim.common.openapi.fixes;

import static io.switchboard.sim.common.openapi.fixes.FixesTestSupport.document;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class DropArrayExamplesTest {

    @Test
    void removesExamplesArraysFromSchemasOnly() {
        ObjectNode doc = document("""
                {'components':{'schemas':{'Rule':{'type':'object','properties':{
                    'regex':{'type':'string','examples':['^a$','^b$']},
                    'examples':{'type':'array','items':{'type':'string'}}}}}},
                 'paths':{'/x':{'get':{'parameters':[{'name':'q','in':'query','schema':{'type':'string'},
                    'examples':{'one':{'value':'a'}}}],'responses':{}}}}}""");

        var changed = new DropArrayExamples().apply(doc);

        assertThat(changed).containsExactly("/components/schemas/Rule/properties/regex/examples");
        assertThat(doc.at("/components/schemas/Rule/properties/regex").has("examples")).isFalse();
        // A property that happens to be called "examples" is a schema, not the keyword.
        assertThat(doc.at("/components/schemas/Rule/properties/examples/type").stringValue()).isEqualTo("array");
        // Parameter examples are a map of Example Objects and stay.
        assertThat(doc.at("/paths/~1x/get/parameters/0/examples/one/value").stringValue()).isEqualTo("a");
    }
}
