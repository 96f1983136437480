package io.switchboard.sim.common.openapi.fixes;

import static io.switchboard.sim.common.openapi.fixes.FixesTestSupport.document;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class MoveParameterAllOfIntoSchemaTest {

    @Test
    void movesTheAllOfNextToAnEmptySchemaIntoIt() {
        ObjectNode doc = document("""
                {'paths':{'/session':{'get':{'parameters':[
                    {'name':'assistantOverrides','in':'query','allOf':[{'$ref':'#/components/schemas/Overrides'}],'schema':{}},
                    {'name':'name','in':'query','schema':{'type':'string'}}],'responses':{}}}}}""");

        var changed = new MoveParameterAllOfIntoSchema().apply(doc);

        assertThat(changed).containsExactly("/paths/~1session/get/parameters/0/schema/allOf");
        assertThat(doc.at("/paths/~1session/get/parameters/0").has("allOf")).isFalse();
        assertThat(doc.at("/paths/~1session/get/parameters/0/schema/allOf/0/$ref").stringValue())
                .isEqualTo("#/components/schemas/Overrides");
        assertThat(doc.at("/paths/~1session/get/parameters/1/schema").toString()).isEqualTo("{\"type\":\"string\"}");
    }
}
