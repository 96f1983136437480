package io.switchboard.sim.common.openapi;

import com.atlassian.oai.validator.schema.SwaggerV20Library;
import com.github.fge.jackson.NodeType;
import com.github.fge.jsonschema.cfg.ValidationConfiguration;
import com.github.fge.jsonschema.core.exceptions.ProcessingException;
import com.github.fge.jsonschema.core.report.ListReportProvider;
import com.github.fge.jsonschema.core.report.LogLevel;
import com.github.fge.jsonschema.core.report.ProcessingReport;
import com.github.fge.jsonschema.format.AbstractFormatAttribute;
import com.github.fge.jsonschema.main.JsonSchemaFactory;
import com.github.fge.jsonschema.processors.data.FullData;
import com.github.fge.msgsimple.bundle.MessageBundle;
import com.github.fge.msgsimple.load.MessageBundles;
import java.util.regex.Pattern;

/**
 * The validator library's JSON Schema setup, with {@code format: uuid} checked as RFC 4122 writes a UUID
 * (8-4-4-4-12 hex digits). The library checks it with {@code java.util.UUID.fromString}, which also takes
 * "1-2-3-4-5" or a 7-digit first group, so a truncated id would pass; VAPI's NestJS ParseUUIDPipe rejects those.
 * Everything else is exactly the library's own configuration ({@link SwaggerV20Library#schemaFactory()}).
 */
final class StrictFormats {

    private StrictFormats() {
    }

    static JsonSchemaFactory schemaFactory() {
        return JsonSchemaFactory.newBuilder()
                .setValidationConfiguration(ValidationConfiguration.newBuilder()
                        .setDefaultLibrary(SwaggerV20Library.OAI_V2_METASCHEMA_URI, SwaggerV20Library.get().thaw()
                                .addFormatAttribute("uuid", Uuid.INSTANCE)
                                .freeze())
                        .setSyntaxMessages(MessageBundles.getBundle(SwaggerV20Library.SyntaxBundle.class))
                        .setValidationMessages(MessageBundles.getBundle(SwaggerV20Library.ValidationBundle.class))
                        .freeze())
                .setReportProvider(new ListReportProvider(LogLevel.ERROR, LogLevel.FATAL))
                .freeze();
    }

    /** RFC 4122's textual form, any version, either case. */
    static final class Uuid extends AbstractFormatAttribute {

        static final Uuid INSTANCE = new Uuid();
        private static final Pattern RFC_4122 =
                Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

        private Uuid() {
            super("uuid", NodeType.STRING);
        }

        @Override
        public void validate(ProcessingReport report, MessageBundle bundle, FullData data) throws ProcessingException {
            String value = data.getInstance().getNode().textValue();
            if (!RFC_4122.matcher(value).matches()) {
                report.error(newMsg(data, bundle, "err.format.UUID.invalid").putArgument("input", value));
            }
        }
    }
}
