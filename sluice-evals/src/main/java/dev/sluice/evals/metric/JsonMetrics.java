package dev.sluice.evals.metric;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.sluice.api.error.GatewayException;
import dev.sluice.api.json.Json;
import dev.sluice.evals.spi.Score;
import dev.sluice.evals.spi.Scorer;
import dev.sluice.evals.spi.ScorerContext;
import dev.sluice.evals.spi.ScorerFactory;
import dev.sluice.evals.suite.MetricSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** JSON checks scoring 1 or 0. A Markdown code fence around the output (```json ... ```) is ignored. */
public final class JsonMetrics {

    private JsonMetrics() { }

    /** {@code is_json}: the output parses as JSON. */
    public static final class IsJson implements ScorerFactory {
        @Override public String type() { return "is_json"; }

        @Override public Scorer create(MetricSpec spec, ScorerContext context) {
            return TextMatchMetrics.binary(in -> parse(in.text()) != null ? Score.of(1)
                    : Score.of(0, "not valid JSON"));
        }
    }

    /**
     * {@code json_schema}: the output is JSON valid against option {@code schema} (inline object) or
     * {@code schema_file} (path), JSON Schema draft 2020-12 unless the schema's {@code $schema} says otherwise.
     */
    public static final class JsonSchema implements ScorerFactory {
        @Override public String type() { return "json_schema"; }

        @Override public Scorer create(MetricSpec spec, ScorerContext context) {
            JsonNode schemaNode = spec.options().get("schema");
            if (schemaNode == null || !schemaNode.isObject()) {
                String file = spec.require("schema_file");
                try {
                    schemaNode = Json.parse(Files.readAllBytes(Path.of(file)));
                } catch (IOException e) {
                    throw GatewayException.invalid("metric '" + spec.name() + "': cannot read schema_file " + file,
                            "metrics." + spec.name() + ".schema_file");
                }
            }
            Schema schema;
            try {
                schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(schemaNode);
            } catch (RuntimeException e) {
                throw GatewayException.invalid("metric '" + spec.name() + "': invalid JSON schema: " + e.getMessage(),
                        "metrics." + spec.name() + ".schema");
            }
            return TextMatchMetrics.binary(in -> {
                JsonNode value = parse(in.text());
                if (value == null) {
                    return Score.of(0, "not valid JSON");
                }
                List<Error> errors = schema.validate(value);
                return errors.isEmpty() ? Score.of(1) : Score.of(0, errors.stream().limit(3)
                        .map(e -> e.getInstanceLocation() + ": " + e.getMessage()).collect(Collectors.joining("; ")));
            });
        }
    }

    /** The JSON value of the text, without a surrounding code fence, or null when it does not parse. */
    static JsonNode parse(String text) {
        String t = text.strip();
        if (t.startsWith("```")) {
            int nl = t.indexOf('\n');
            int end = t.lastIndexOf("```");
            if (nl > 0 && end > nl) {
                t = t.substring(nl + 1, end).strip();
            }
        }
        if (t.isEmpty()) {
            return null;
        }
        try {
            return Json.parse(t);
        } catch (IOException e) {
            return null;
        }
    }
}
