package dev.sluice.evals.suite;

import java.util.Map;

/** A thing under evaluation: a model or route through the gateway, or an HTTP endpoint of the user's application. */
public sealed interface TargetSpec {

    String name();

    /**
     * A model or route called through Sluice's OpenAI-compatible chat completions API.
     *
     * @param params extra request fields (temperature, max_tokens...) copied into the request body
     */
    record Model(String name, String model, String system, Map<String, Object> params) implements TargetSpec {
        public Model {
            params = Map.copyOf(params);
        }
    }

    /**
     * An HTTP endpoint of the user's application.
     *
     * @param body request body template with {@code {{var}}} placeholders (values JSON-escaped)
     * @param answerPath JSON path (e.g. {@code $.answer} or {@code $.choices[0].message.content}) to the answer
     * @param contextsPath JSON path to an array of retrieved contexts, or null
     */
    record Http(String name, String url, String method, Map<String, String> headers, String body, String answerPath,
                String contextsPath) implements TargetSpec {
        public Http {
            headers = Map.copyOf(headers);
        }
    }
}
