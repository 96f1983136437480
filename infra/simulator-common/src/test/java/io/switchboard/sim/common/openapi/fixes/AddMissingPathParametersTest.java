package io.switchboard.sim.common.openapi.fixes;

import static io.switchboard.sim.common.openapi.fixes.FixesTestSupport.document;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class AddMissingPathParametersTest {

    @Test
    void copiesTheDeclarationASiblingOperationGivesTheVariable() {
        ObjectNode doc = document("""
                {'paths':{
                  '/call/{id}':{
                    'get':{'parameters':[{'name':'id','in':'path','required':true,'schema':{'type':'string','format':'uuid'}}],'responses':{}},
                    'delete':{'responses':{}}},
                  '/orphan/{key}':{'delete':{'responses':{}}}}}""");

        var changed = new AddMissingPathParameters().apply(doc);

        assertThat(changed).containsExactly("/paths/~1call~1{id}/delete/parameters");
        assertThat(doc.at("/paths/~1call~1{id}/delete/parameters/0/schema/format").stringValue()).isEqualTo("uuid");
        // Nothing to copy from: left for the loader to refuse, so that a person decides.
        assertThat(doc.at("/paths/~1orphan~1{key}/delete").has("parameters")).isFalse();
    }
}
