package dev.sluice.telemetry;

import io.opentelemetry.api.common.AttributeKey;
import java.util.List;

/** Span attribute keys: the GenAI semantic conventions' and a few of Sluice's own under {@code sluice.*}. */
final class GenAiAttributes {

    static final AttributeKey<String> OPERATION_NAME = AttributeKey.stringKey("gen_ai.operation.name");
    static final AttributeKey<String> PROVIDER_NAME = AttributeKey.stringKey("gen_ai.provider.name");
    static final AttributeKey<String> REQUEST_MODEL = AttributeKey.stringKey("gen_ai.request.model");
    static final AttributeKey<String> RESPONSE_MODEL = AttributeKey.stringKey("gen_ai.response.model");
    static final AttributeKey<String> RESPONSE_ID = AttributeKey.stringKey("gen_ai.response.id");
    static final AttributeKey<List<String>> FINISH_REASONS =
            AttributeKey.stringArrayKey("gen_ai.response.finish_reasons");
    static final AttributeKey<Long> INPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.input_tokens");
    static final AttributeKey<Long> OUTPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.output_tokens");
    static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
    static final AttributeKey<Long> HTTP_STATUS = AttributeKey.longKey("http.response.status_code");

    static final AttributeKey<String> REQUEST_ID = AttributeKey.stringKey("sluice.request.id");
    static final AttributeKey<String> INBOUND_API = AttributeKey.stringKey("sluice.inbound_api");
    static final AttributeKey<Boolean> STREAM = AttributeKey.booleanKey("sluice.stream");
    static final AttributeKey<String> ROUTE = AttributeKey.stringKey("sluice.route");
    static final AttributeKey<String> DEPLOYMENT = AttributeKey.stringKey("sluice.deployment");
    static final AttributeKey<String> PROVIDER_ID = AttributeKey.stringKey("sluice.provider.id");
    static final AttributeKey<Long> ATTEMPT_NUMBER = AttributeKey.longKey("sluice.attempt.number");
    /** Why the gateway made an attempt: retry, fallback, context_window_fallback, content_policy_fallback. */
    static final AttributeKey<String> ATTEMPT_REASON = AttributeKey.stringKey("sluice.attempt.reason");
    static final AttributeKey<Long> ATTEMPTS = AttributeKey.longKey("sluice.attempts");
    static final AttributeKey<Boolean> CACHE_HIT = AttributeKey.booleanKey("sluice.cache_hit");

    private GenAiAttributes() { }
}
