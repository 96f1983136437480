package io.switchboard.sim.common.openapi.fixes;

import static io.switchboard.sim.common.openapi.fixes.FixesTestSupport.document;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class MergeDuplicateParametersTest {

    @Test
    void foldsTheLaterDeclarationIntoTheFirstKeepingEveryConstraint() {
        ObjectNode doc = document("""
                {'paths':{'/session':{'get':{'parameters':[
                    {'name':'name','in':'query','description':'session name','schema':{'type':'string'}},
                    {'name':'limit','in':'query','schema':{'type':'number'}},
                    {'name':'name','in':'query','required':true,'description':'customer name','schema':{'type':'string','maxLength':40}},
                    {'name':'name','in':'header','schema':{'type':'string'}}],'responses':{}}}}}""");

        var changed = new MergeDuplicateParameters().apply(doc);

        assertThat(changed).containsExactly("/paths/~1session/get/parameters/2");
        assertThat(doc.at("/paths/~1session/get/parameters")).hasSize(3);
        assertThat(doc.at("/paths/~1session/get/parameters/0/description").stringValue()).isEqualTo("session name");
        assertThat(doc.at("/paths/~1session/get/parameters/0/schema/maxLength").asInt()).isEqualTo(40);
        assertThat(doc.at("/paths/~1session/get/parameters/0/required").booleanValue()).isTrue();
        assertThat(doc.at("/paths/~1session/get/parameters/2/in").stringValue()).isEqualTo("header");
    }

    @Test
    void refusesDeclarationsThatContradictEachOther() {
        ObjectNode doc = document("""
                {'paths':{'/x':{'get':{'parameters':[
                    {'name':'n','in':'query','schema':{'type':'string','maxLength':10}},
                    {'name':'n','in':'query','schema':{'type':'string','maxLength':40}}],'responses':{}}}}}""");

        assertThatThrownBy(() -> new MergeDuplicateParameters().apply(doc))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("maxLength");
    }
}
