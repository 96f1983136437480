package io.switchboard.sim.common.openapi.fixes;

import static io.switchboard.sim.common.openapi.fixes.FixesTestSupport.document;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class DropMistypedDefaultsTest {

    @Test
    void dropsOnlyDefaultsOfAnotherTypeThanTheSchema() {
        ObjectNode doc = document("""
                {'components':{'schemas':{'Export':{'type':'object','properties':{
                    'columns':{'type':'string','default':['id','name']},
                    'verb':{'type':'object','default':'refer'},
                    'error':{'type':'string','nullable':true,'default':null},
                    'limit':{'type':'number','default':100},
                    'format':{'type':'string','default':'csv'}}}}}}""");

        var changed = new DropMistypedDefaults().apply(doc);

        assertThat(changed).containsExactly("/components/schemas/Export/properties/columns/default",
                "/components/schemas/Export/properties/verb/default");
        assertThat(doc.at("/components/schemas/Export/properties/columns").has("default")).isFalse();
        assertThat(doc.at("/components/schemas/Export/properties/error").has("default")).isTrue();
        assertThat(doc.at("/components/schemas/Export/properties/limit/default").asInt()).isEqualTo(100);
        assertThat(doc.at("/components/schemas/Export/properties/format/default").stringValue()).isEqualTo("csv");
    }
}
