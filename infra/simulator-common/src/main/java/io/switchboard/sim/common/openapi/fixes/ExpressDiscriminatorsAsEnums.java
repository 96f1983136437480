package io.switchboard.sim.common.openapi.fixes;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Rewrites each {@code oneOf}/{@code anyOf} with a {@code discriminator} into plain JSON Schema that accepts exactly
 * the same instances, and drops the {@code discriminator} keyword.
 * <p>
 * Why: the validator library's discriminator support is unusable on a real document. Its syntax check demands the
 * property in every alternative's {@code required} (VAPI's update DTOs do not list it), and, worse, its keyword
 * validator records each use by inserting the selected schema node into a child of that same node; the cached
 * schema tree becomes cyclic and a later request that hashes it dies of a StackOverflowError (seen with VAPI's
 * phone-number unions under the simulators' tests).
 * <p>
 * The rewrite, for property {@code p} and mapping {@code value -> schema}: the union gets a guard in {@code allOf}
 * ({@code p} required, a string, one of the discriminator's values), and an alternative whose own schema does not
 * already restrict {@code p} to exactly its values is wrapped as {@code allOf: [alternative, {p: enum its values}]}.
 * An alternative's values are the mapping keys that point at it, or, with none, its schema name (OpenAPI 3.0's
 * implicit mapping, which is also what the library falls back to). So a body is accepted exactly when {@code p}
 * names an alternative and that alternative validates it - the discriminator's meaning - and never otherwise: the
 * other alternatives fail on {@code p}, so "one of" holds too. The guard and wrappers set
 * {@code additionalProperties: true} explicitly so that the library's additionalProperties injection leaves them
 * alone (the alternative itself still forbids undeclared properties).
 */
public final class ExpressDiscriminatorsAsEnums implements DocumentFix {

    @Override
    public List<String> apply(ObjectNode document) {
        List<String> changed = new ArrayList<>();
        Schemas.forEach(document, (pointer, union) -> {
            JsonNode discriminator = union.get("discriminator");
            String combinator = union.has("oneOf") ? "oneOf" : union.has("anyOf") ? "anyOf" : null;
            if (discriminator == null || combinator == null) {
                return;
            }
            String property = discriminator.path("propertyName").stringValue(null);
            if (property == null) {
                throw new IllegalStateException("discriminator without propertyName at " + pointer + ": review the document");
            }
            ArrayNode alternatives = (ArrayNode) union.get(combinator);
            Set<String> allValues = new TreeSet<>();
            for (int i = 0; i < alternatives.size(); i++) {
                JsonNode alternative = alternatives.get(i);
                String ref = alternative.path("$ref").stringValue(null);
                if (ref == null) {
                    throw new IllegalStateException("inline alternative " + pointer + "/" + combinator + "/" + i
                            + " of a discriminated union has no name to discriminate by: review the document");
                }
                Set<String> values = valuesOf(ref, discriminator.path("mapping"));
                allValues.addAll(values);
                if (!values.equals(ownEnum(document, alternative, property))) {
                    ObjectNode wrapper = union.objectNode();
                    wrapper.putArray("allOf").add(alternative).add(guard(union, property, values));
                    alternatives.set(i, wrapper);
                    changed.add(pointer + "/" + combinator + "/" + i);
                }
            }
            JsonNode allOf = union.get("allOf");
            (allOf instanceof ArrayNode list ? list : union.putArray("allOf")).add(guard(union, property, allValues));
            union.remove("discriminator");
            changed.add(pointer + "/discriminator");
        });
        return changed;
    }

    private static Set<String> valuesOf(String ref, JsonNode mapping) {
        Set<String> values = new TreeSet<>();
        for (Map.Entry<String, JsonNode> entry : mapping.properties()) {
            if (ref.equals(entry.getValue().stringValue(null))) {
                values.add(entry.getKey());
            }
        }
        if (values.isEmpty()) {
            values.add(ref.substring(ref.lastIndexOf('/') + 1));
        }
        return values;
    }

    private static ObjectNode guard(ObjectNode factory, String property, Set<String> values) {
        ObjectNode guard = factory.objectNode();
        guard.put("type", "object");
        ObjectNode schema = guard.putObject("properties").putObject(property);
        schema.put("type", "string");
        ArrayNode allowed = schema.putArray("enum");
        values.forEach(allowed::add);
        guard.putArray("required").add(property);
        guard.put("additionalProperties", true);
        return guard;
    }

    /** The enum the alternative itself gives the property (found as the library looks: properties, $ref, allOf). */
    private static Set<String> ownEnum(ObjectNode document, JsonNode alternative, String property) {
        JsonNode declared = declaration(document, alternative, property, Collections.newSetFromMap(new IdentityHashMap<>()));
        ObjectNode schema = declared == null ? null : Schemas.resolve(document, declared);
        Set<String> values = new LinkedHashSet<>();
        if (schema != null) {
            schema.path("enum").forEach(v -> values.add(v.stringValue(null)));
        }
        return new TreeSet<>(values.stream().filter(v -> v != null).toList());
    }

    private static JsonNode declaration(ObjectNode document, JsonNode node, String property, Set<JsonNode> seen) {
        ObjectNode schema = Schemas.resolve(document, node);
        if (schema == null || !seen.add(schema)) {
            return null;
        }
        if (schema.path("properties").has(property)) {
            return schema.path("properties").get(property);
        }
        for (JsonNode part : schema.path("allOf")) {
            JsonNode found = declaration(document, part, property, seen);
            if (found != null) {
                return found;
            }
        }
        return null;
    }
}
