package io.switchboard.sim.common.openapi.fixes;

import static io.switchboard.sim.common.openapi.fixes.FixesTestSupport.document;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class AddMissingArrayItemsTest {

    @Test
    void givesArraysWithoutItemsTheEmptySchema() {
        ObjectNode doc = document("""
                {'components':{'schemas':{'Model':{'type':'object','properties':{
                    'messages':{'type':'array'},
                    'tools':{'type':'array','items':{'type':'string'}},
                    'value':{'oneOf':[{'type':'string'},{'type':'array'}]}}}}}}""");

        var changed = new AddMissingArrayItems().apply(doc);

        assertThat(changed).containsExactly("/components/schemas/Model/properties/messages/items",
                "/components/schemas/Model/properties/value/oneOf/1/items");
        assertThat(doc.at("/components/schemas/Model/properties/messages/items").isObject()).isTrue();
        assertThat(doc.at("/components/schemas/Model/properties/messages/items").isEmpty()).isTrue();
        assertThat(doc.at("/components/schemas/Model/properties/tools/items/type").stringValue()).isEqualTo("string");
    }
}
