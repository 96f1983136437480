package io.switchboard.sim.common.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.sim.common.FormCodec;
import io.switchboard.sim.common.SimRequest;
import io.switchboard.sim.common.SimResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The validator wiring, on the toy document: strict levels, typed form bodies, responses. */
class OpenApiDocumentTest {

    private static final OpenApiDocument TOY = OpenApiDocument.load(OpenApiDocumentTest.class, "/specs/toy_openapi.json", List.of());

    @Test
    void readsVersionAndOperations() {
        assertThat(TOY.version()).isEqualTo("0.0.7");
        assertThat(TOY.operationId("GET", "/items/{id}")).contains("FetchItem");
        assertThat(TOY.operationId("DELETE", "/items/{id}")).isEmpty();
        assertThat(TOY.declares("GET", "/items/abc")).isTrue();
        assertThat(TOY.declares("DELETE", "/items/abc")).isFalse();
        assertThat(TOY.declares("GET", "/credential")).isFalse();
        assertThat(TOY.declares("PROPFIND", "/items/abc")).isFalse();
        assertThat(TOY.normalisations()).isEmpty();
    }

    @Test
    void unknownQueryParametersAreErrors() {
        List<SpecFinding> findings = TOY.checkRequest(get("/items/abc", Map.of("verbose", "false", "debug", "1")));

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.keyword()).isEqualTo("parameter.query.unexpected");
            assertThat(f.parameter()).isEqualTo("debug");
            assertThat(f.in()).isEqualTo("query");
        });
    }

    /** The library reads non-string parameters as JSON, so a bad boolean is reported as unparsable JSON. */
    @Test
    void parameterTypesAreChecked() {
        assertThat(TOY.checkRequest(get("/items/abc", Map.of("verbose", "maybe"))))
                .singleElement().satisfies(f -> {
                    assertThat(f.keyword()).isEqualTo("invalidJson");
                    assertThat(f.parameter()).isEqualTo("verbose");
                    assertThat(f.type()).isEqualTo("boolean");
                });
        assertThat(TOY.checkRequest(get("/items/abc", Map.of("verbose", "true")))).isEmpty();
    }

    /** RFC 4122's 8-4-4-4-12, not java.util.UUID's lenient parse, which would take a truncated id. */
    @Test
    void uuidsAreCheckedStrictly() {
        assertThat(TOY.checkRequest(get("/items/abc", Map.of("ref", "5117a11e-0000-4000-8000-00000000c0de")))).isEmpty();
        assertThat(TOY.checkRequest(get("/items/abc", Map.of("ref", "117a11e-0000-4000-8000-00000000c0de"))))
                .extracting(SpecFinding::keyword).containsExactly("format.uuid");
        assertThat(TOY.checkRequest(get("/items/abc", Map.of("ref", "1-2-3-4-5"))))
                .extracting(SpecFinding::keyword).containsExactly("format.uuid");
    }

    @Test
    void jsonBodiesAreCheckedForUndeclaredPropertiesLengthsAndEnums() {
        List<SpecFinding> findings = TOY.checkRequest(json("POST", "/items", "{\"name\":\"sesame\",\"kind\":\"huge\",\"x\":1}"));

        assertThat(findings).extracting(SpecFinding::keyword, SpecFinding::pointer).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("additionalProperties", ""),
                org.assertj.core.groups.Tuple.tuple("maxLength", "/name"),
                org.assertj.core.groups.Tuple.tuple("enum", "/kind"));
        assertThat(TOY.checkRequest(json("POST", "/items", "{\"name\":\"ok\",\"kind\":\"big\"}"))).isEmpty();
        assertThat(TOY.checkRequest(json("POST", "/items", "{not json"))).extracting(SpecFinding::keyword)
                .containsExactly("invalidJson");
    }

    @Test
    void theContentTypeMustBeOneTheOperationDeclares() {
        SimRequest text = request("POST", "/items", Map.of(), "text/plain", "name=x");

        assertThat(TOY.checkRequest(text)).extracting(SpecFinding::keyword).containsExactly("contentType.notAllowed");
    }

    /**
     * The library would read "+14155550100" and "415" as numbers and fail their string check; typed by the schema
     * they are the strings they are on the wire, and still get every string check.
     */
    @Test
    void formValuesAreTypedByTheirSchema() {
        assertThat(TOY.checkRequest(form(Map.of("PhoneNumber", "+14155550100", "AreaCode", "415",
                "Enabled", "true", "Count", "3", "Kind", "small")))).isEmpty();

        List<SpecFinding> findings = TOY.checkRequest(form(Map.of("PhoneNumber", "4155550100", "AreaCode", "4155",
                "Enabled", "yes", "Count", "11", "Kind", "huge", "Extra", "1")));

        assertThat(findings).extracting(SpecFinding::keyword, SpecFinding::pointer).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("additionalProperties", ""),
                org.assertj.core.groups.Tuple.tuple("pattern", "/PhoneNumber"),
                org.assertj.core.groups.Tuple.tuple("maxLength", "/AreaCode"),
                org.assertj.core.groups.Tuple.tuple("type", "/Enabled"),
                org.assertj.core.groups.Tuple.tuple("maximum", "/Count"),
                org.assertj.core.groups.Tuple.tuple("enum", "/Kind"));
        assertThat(findings).allSatisfy(f -> assertThat(f.isBody()).isTrue());
    }

    @Test
    void aBodyWhereTheOperationTakesNoneIsAnError() {
        assertThat(TOY.checkRequest(request("GET", "/items/abc", Map.of(), "application/json", "{}")))
                .extracting(SpecFinding::keyword).containsExactly("body.unexpected");
    }

    @Test
    void responsesAreCheckedAndUndeclaredStatusesAreExempt() {
        SimRequest fetch = get("/items/abc", Map.of());

        assertThat(TOY.checkResponse(fetch, SimResponse.json(200, Map.of("id", "abc")))).isEmpty();
        assertThat(TOY.checkResponse(fetch, SimResponse.json(200, Map.of("id", "abc", "leak", 1))))
                .anySatisfy(line -> assertThat(line).contains("additionalProperties").contains("leak"));
        assertThat(TOY.checkResponse(fetch, SimResponse.json(200, Map.of()))).anySatisfy(line -> assertThat(line).contains("required"));
        assertThat(TOY.checkResponse(fetch, SimResponse.json(404, Map.of("whatever", true)))).isEmpty();
    }

    @Test
    void nestedFindingsKeepTheirPathAsDottedProperties() {
        SpecFinding nested = new SpecFinding("validation.request.body.schema.enum", "m", null, null, null, "/model/messages/0/role", null, List.of());

        assertThat(nested.propertyPath()).isEqualTo("model.messages.0.role");
        assertThat(nested.keyword()).isEqualTo("enum");
    }

    private static SimRequest get(String path, Map<String, String> query) {
        Map<String, List<String>> q = new LinkedHashMap<>();
        query.forEach((k, v) -> q.put(k, List.of(v)));
        return new SimRequest("GET", path, q, Map.of("x-key", List.of("good")), new byte[0], Map.of());
    }

    private static SimRequest json(String method, String path, String body) {
        return request(method, path, Map.of(), "application/json", body);
    }

    private static SimRequest form(Map<String, String> fields) {
        return request("POST", "/forms", Map.of(), "application/x-www-form-urlencoded",
                FormCodec.encode(new LinkedHashMap<>(fields)));
    }

    private static SimRequest request(String method, String path, Map<String, List<String>> query, String contentType, String body) {
        return new SimRequest(method, path, query, Map.of("x-key", List.of("good"), "content-type", List.of(contentType)),
                body.getBytes(StandardCharsets.UTF_8), Map.of());
    }
}
