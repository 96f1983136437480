package io.switchboard.sim.common.openapi;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.interaction.ApiOperationResolver;
import com.atlassian.oai.validator.model.ApiOperationMatch;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.MessageResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.schema.SchemaValidator;
import com.atlassian.oai.validator.util.OpenApiLoader;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.switchboard.sim.common.Json;
import io.switchboard.sim.common.SimRequest;
import io.switchboard.sim.common.SimResponse;
import io.switchboard.sim.common.openapi.fixes.DocumentFix;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A provider's official OpenAPI document, loaded once, and the validator built from it
 * (com.atlassian.oai swagger-request-validator). Checks a simulator's requests and responses against it.
 * <p>
 * Loading: the file is read unchanged from the classpath; {@link DocumentFix}es repair, in memory, the syntax that
 * swagger-parser or the validator cannot take, and the result is parsed with references unresolved
 * ({@code resolveRefs(false)}): the library's default full resolution runs out of memory on VAPI's 3.25 MB document,
 * while unresolved references are resolved by the validator itself when a schema is first used. Building costs up to
 * two seconds (VAPI's document), so each simulator keeps one instance per JVM in a lazy holder; a schema's first
 * use costs up to a few hundred milliseconds, later checks a few milliseconds.
 * <p>
 * Strictness: everything the library checks is an error, including query parameters the operation does not declare
 * (the library ignores those by default) and properties a schema does not declare (its default
 * additionalProperties injection, kept on). External level files are not consulted, so nothing can relax it.
 * {@code format: uuid} is checked strictly ({@link StrictFormats}).
 */
public final class OpenApiDocument {

    private static final System.Logger LOG = System.getLogger(OpenApiDocument.class.getName());
    private static final String FORM = "application/x-www-form-urlencoded";
    private static final String BODY_MISSING = "validation.request.body.missing";
    private static final String STATUS_UNKNOWN = "validation.response.status.unknown";

    private final String resource;
    private final ObjectNode tree;
    private final Map<String, List<String>> normalisations;
    private final OpenApiInteractionValidator validator;
    private final ApiOperationResolver operations;
    private final SchemaValidator schemas;
    private final FormBodies forms;

    private OpenApiDocument(String resource, ObjectNode tree, Map<String, List<String>> normalisations, OpenAPI api) {
        this.resource = resource;
        this.tree = tree;
        this.normalisations = normalisations;
        LevelResolver levels = strictLevels();
        this.validator = OpenApiInteractionValidator.createFor(api).withLevelResolver(levels)
                .withSchemaFactorySupplier(StrictFormats::schemaFactory).build();
        this.operations = new ApiOperationResolver(api, null, false);
        this.schemas = new SchemaValidator(api, new MessageResolver(levels), StrictFormats::schemaFactory);
        this.forms = new FormBodies(api);
    }

    /**
     * Reads {@code resource} (e.g. "/specs/vapi_openapi.json") next to {@code owner}, applies the fixes in order and
     * builds the validator. Fails when the fixed document still does not parse cleanly.
     */
    public static OpenApiDocument load(Class<?> owner, String resource, List<DocumentFix> fixes) {
        long started = System.nanoTime();
        ObjectNode tree;
        try (InputStream in = owner.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("OpenAPI document " + resource + " is not on the classpath of " + owner.getName());
            }
            tree = (ObjectNode) Json.read(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
        Map<String, List<String>> normalisations = new LinkedHashMap<>();
        for (DocumentFix fix : fixes) {
            List<String> changed = fix.apply(tree);
            if (!changed.isEmpty()) {
                normalisations.put(fix.name(), List.copyOf(changed));
            }
        }
        ParseOptions options = new ParseOptions();
        options.setResolve(false);
        options.setResolveFully(false);
        options.setResolveCombinators(false);
        OpenAPI api = new OpenApiLoader().loadApi(
                OpenApiInteractionValidator.SpecSource.inline(Json.writeString(tree)), List.of(), options);
        OpenApiDocument document = new OpenApiDocument(resource, tree, Map.copyOf(normalisations), api);
        LOG.log(Level.INFO, () -> "loaded " + resource + " (version " + document.version() + ") in "
                + (System.nanoTime() - started) / 1_000_000 + " ms; normalised: " + normalisations.keySet());
        return document;
    }

    public String resource() {
        return resource;
    }

    /** The document's {@code info.version}. */
    public String version() {
        return tree.path("info").path("version").stringValue("?");
    }

    /** What each fix changed (fix name to JSON pointers), for review when a document is updated. */
    public Map<String, List<String>> normalisations() {
        return normalisations;
    }

    /** The operationId the document gives {@code method} on the path template, if it declares that operation. */
    public Optional<String> operationId(String method, String pathTemplate) {
        JsonNode operation = tree.path("paths").path(pathTemplate).path(method.toLowerCase(Locale.ROOT));
        return Optional.ofNullable(operation.path("operationId").stringValue(null));
    }

    /** Whether the document has an operation for this concrete request path and method (e.g. for a 404 the simulator gave). */
    public boolean declares(String method, String path) {
        Request.Method known;
        try {
            known = Request.Method.valueOf(method.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException notAnHttpMethodOfOpenApi) {
            return false;
        }
        return operations.findApiOperation(path, known).isOperationAllowed();
    }

    /** Everything the document does not allow in this request; empty when it conforms. */
    public List<SpecFinding> checkRequest(SimRequest request) {
        Request.Method method = Request.Method.valueOf(request.method());
        ApiOperationMatch match = operations.findApiOperation(request.path(), method);
        SimpleRequest.Builder library = new SimpleRequest.Builder(method, request.path(), true);
        request.headers().forEach(library::withHeader);
        request.query().forEach(library::withQueryParam);
        MediaType formBody = match.isOperationAllowed() && request.body().length > 0 && request.isForm()
                ? formMediaType(match.getApiOperation().getOperation()) : null;
        if (formBody == null && request.body().length > 0) {
            library.withBody(request.body());
        }
        List<SpecFinding> findings = new ArrayList<>();
        for (ValidationReport.Message message : validator.validateRequest(library.build()).getMessages()) {
            // The form body was held back from the library (see FormBodies); it is there, so it is not missing.
            if (message.getLevel() == ValidationReport.Level.ERROR && !(formBody != null && message.getKey().equals(BODY_MISSING))) {
                findings.add(finding(message));
            }
        }
        if (formBody != null) {
            com.fasterxml.jackson.databind.JsonNode form = forms.toJson(request.form(), formBody.getSchema());
            for (ValidationReport.Message message : schemas.validate(() -> form, formBody.getSchema(), "request.body").getMessages()) {
                if (message.getLevel() == ValidationReport.Level.ERROR) {
                    findings.add(finding(message));
                }
            }
        }
        return findings;
    }

    /**
     * What is wrong with the simulator's response to this request, one line per problem; empty when it conforms.
     * A status the document does not declare for the operation is exempt: the documents describe successes (Twilio
     * declares no error response at all), so provider errors have nothing to be checked against.
     */
    public List<String> checkResponse(SimRequest request, SimResponse response) {
        SimpleResponse.Builder library = SimpleResponse.Builder.status(response.status());
        if (response.contentType() != null) {
            library.withContentType(response.contentType());
        }
        response.headers().forEach(library::withHeader);
        if (response.body().length > 0) {
            library.withBody(response.body());
        }
        ValidationReport report = validator.validateResponse(request.path(), Request.Method.valueOf(request.method()), library.build());
        if (report.getMessages().stream().anyMatch(m -> m.getKey().equals(STATUS_UNKNOWN))) {
            return List.of();
        }
        List<String> problems = new ArrayList<>();
        report.getMessages().stream().filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
                .forEach(m -> describe(m, "", problems));
        return problems;
    }

    private static void describe(ValidationReport.Message message, String indent, List<String> into) {
        into.add(indent + message.getKey() + ": " + message.getMessage());
        message.getNestedMessages().forEach(nested -> describe(nested, indent + "  ", into));
    }

    private static MediaType formMediaType(Operation operation) {
        if (operation.getRequestBody() == null || operation.getRequestBody().getContent() == null) {
            return null;
        }
        return operation.getRequestBody().getContent().get(FORM);
    }

    private static SpecFinding finding(ValidationReport.Message message) {
        return finding(message, null);
    }

    private static SpecFinding finding(ValidationReport.Message message, String group) {
        var context = message.getContext();
        var parameter = context.flatMap(ValidationReport.MessageContext::getParameter);
        String pointer = context.flatMap(ValidationReport.MessageContext::getPointers)
                .map(ValidationReport.MessageContext.Pointers::getInstance)
                .map(p -> p.equals("/") ? "" : p)
                .orElse(null);
        // The library lists one "<sub-schema>: <message>" line per nested message, in the same order.
        List<String> groups = message.getAdditionalInfo();
        List<ValidationReport.Message> nested = message.getNestedMessages();
        List<SpecFinding> children = new ArrayList<>();
        for (int i = 0; i < nested.size(); i++) {
            String line = i < groups.size() ? groups.get(i) : "";
            int colon = line.indexOf(": ");
            children.add(finding(nested.get(i), colon < 0 ? null : line.substring(0, colon)));
        }
        return new SpecFinding(message.getKey(), message.getMessage(),
                parameter.map(p -> p.getName()).orElse(null), parameter.map(p -> p.getIn()).orElse(null),
                parameter.map(p -> p.getSchema() == null ? null : p.getSchema().getType()).orElse(null),
                parameter.isPresent() ? null : pointer, group, children);
    }

    /** Every finding is an error, unexpected query parameters included; no level file on the classpath can relax it. */
    private static LevelResolver strictLevels() {
        return LevelResolver.create()
                .withLoader(null)
                .withDefaultLevel(ValidationReport.Level.ERROR)
                .withLevel("validation.request.parameter.query.unexpected", ValidationReport.Level.ERROR)
                .build();
    }
}
