package dev.sluice.gateway.guardrails;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.json.Json;
import dev.sluice.guardrails.apply.Assessment;
import dev.sluice.guardrails.bedrock.ApplyGuardrailJson;
import java.util.List;

/**
 * The guardrail trace a Converse caller asks for with {@code guardrailConfig.trace: enabled}, in Bedrock's shape:
 * {@code {"guardrail": {"modelOutput": [...], "inputAssessment": {id: assessment}, "outputAssessments": {id:
 * [assessment, ...]}}}}, each assessment as ApplyGuardrail gives it. It goes to the caller only (who sent the prompt
 * and is sent the answer), never to a record. Stateless.
 */
final class GuardrailTrace {

    private GuardrailTrace() { }

    /**
     * @param modelOutput the model's answer text as it was before the guardrail changed it, or null when the model
     *     was not called
     */
    static JsonNode of(CallGuard guard, String modelOutput) {
        GuardrailLibrary.Found f = guard.found();
        var applied = new ApplyGuardrailJson.Applied(f.id(), f.version(), f.arn());
        ObjectNode guardrail = Json.object();
        if (modelOutput != null) {
            guardrail.putArray("modelOutput").add(modelOutput);
        }
        List<Assessment> in = guard.inputAssessments();
        if (!in.isEmpty()) {
            guardrail.putObject("inputAssessment").set(f.id(), assessment(in.getLast(), applied));
        }
        if (!guard.outputAssessments().isEmpty()) {
            ArrayNode out = guardrail.putObject("outputAssessments").putArray(f.id());
            guard.outputAssessments().forEach(a -> out.add(assessment(a, applied)));
        }
        ObjectNode trace = Json.object();
        trace.set("guardrail", guardrail);
        return trace;
    }

    private static JsonNode assessment(Assessment a, ApplyGuardrailJson.Applied applied) {
        return ApplyGuardrailJson.encode(a, new ApplyGuardrailJson.Request(null, List.of(), false), applied, 0)
                .path("assessments").path(0);
    }
}
