package io.switchboard.sim.common.openapi.fixes;

import static io.switchboard.sim.common.openapi.fixes.FixesTestSupport.document;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class DedupeEnumValuesTest {

    @Test
    void keepsTheFirstOfEachRepeatedValue() {
        ObjectNode doc = document("""
                {'components':{'schemas':{'Voice':{'type':'object','properties':{
                    'voiceId':{'type':'string','enum':['asteria','luna','asteria','orion','luna']},
                    'speed':{'type':'string','enum':['slow','fast']}}}}}}""");

        var changed = new DedupeEnumValues().apply(doc);

        assertThat(changed).containsExactly("/components/schemas/Voice/properties/voiceId/enum");
        assertThat(doc.at("/components/schemas/Voice/properties/voiceId/enum").toString())
                .isEqualTo("[\"asteria\",\"luna\",\"orion\"]");
        assertThat(doc.at("/components/schemas/Voice/properties/speed/enum")).hasSize(2);
    }
}
