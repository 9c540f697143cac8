package dev.sluice.app;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.sluice.api.json.Json;
import dev.sluice.gateway.engine.WorkerPool;
import dev.sluice.gateway.guardrails.GuardrailInterceptor;
import dev.sluice.guardrails.judge.Judge;
import dev.sluice.guardrails.judge.Question;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks a guardrail's judge model about a denied topic or a content filter's category through this Sluice's own
 * OpenAI-compatible API, over loopback, as any caller would: the master key, {@code temperature 0}, a system prompt
 * with the policy's name, definition and examples, the text (its first {@value #MAX_TEXT} characters) as the user's
 * message, and an answer read from its first word, YES or NO. The call carries the process's judge token ({@link GuardrailInterceptor#JUDGE_HEADER}), so no
 * guardrail applies to it; it is priced and recorded in the ledger like any call of the master key.
 *
 * <p>Answers are kept (the last {@value #REMEMBERED} by model, question and text): a conversation re-sends its history
 * each turn, and a text judged once is not judged again. No answer within {@value #TIMEOUT_SECONDS} s, an error status
 * or an answer that is neither YES nor NO is null: the local verdict then stands (a warning a minute at most per model).
 * Thread-safe; blocks its caller for the round trip, which runs on the worker pool like every check that can judge,
 * with the worker's slot given back while it waits ({@link WorkerPool#waiting}).
 */
final class GatewayJudge implements Judge {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayJudge.class);
    static final int MAX_TEXT = 4000;
    static final int TIMEOUT_SECONDS = 10;
    static final int REMEMBERED = 4096;
    private static final long WARN_EVERY_NANOS = 60_000_000_000L;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(TIMEOUT_SECONDS))
            .version(HttpClient.Version.HTTP_1_1).build();
    private final IntSupplier port;
    private final String masterKey;
    private final String token;
    private final Cache<String, Boolean> answers = Caffeine.newBuilder().maximumSize(REMEMBERED).build();
    private final Cache<String, Long> warned = Caffeine.newBuilder().maximumSize(256).build();

    /**
     * @param port this server's port, read on the first judgement (the server starts after the guardrails)
     * @param masterKey the key the judge calls with (null when the server asks for none)
     * @param token the process's judge token, which the guardrail interceptor knows too
     */
    GatewayJudge(IntSupplier port, String masterKey, String token) {
        this.port = port;
        this.masterKey = masterKey;
        this.token = token;
    }

    @Override
    public Boolean confirms(String model, Question question, String text) {
        String asked = text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) : text;
        String key = model + '\u0000' + question + '\u0000' + asked;
        Boolean known = answers.getIfPresent(key);
        if (known != null) {
            return known;
        }
        Boolean said = ask(model, question, asked);
        if (said != null) {
            answers.put(key, said);
        }
        return said;
    }

    private Boolean ask(String model, Question question, String text) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port.getAsInt()
                            + "/v1/chat/completions"))
                    .timeout(Duration.ofSeconds(TIMEOUT_SECONDS))
                    .header("content-type", "application/json")
                    .header(GuardrailInterceptor.JUDGE_HEADER, token)
                    .header("x-sluice-tags", "source=guardrail-judge")
                    .POST(HttpRequest.BodyPublishers.ofString(body(model, question, text)));
            if (masterKey != null) {
                request.header("authorization", "Bearer " + masterKey);
            }
            HttpRequest built = request.build();
            HttpResponse<String> response = WorkerPool.waiting(() -> send(built)); // the worker's slot is free meanwhile
            if (response.statusCode() != 200) {
                warn(model, "status " + response.statusCode());
                return null;
            }
            return verdict(Json.parse(response.body()).path("choices").path(0).path("message").path("content")
                    .asText(""));
        } catch (Exception e) {
            warn(model, e.getCause() != null ? e.getCause().getClass().getSimpleName() : e.getClass().getSimpleName());
            return null;
        }
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** At most one warning a minute per judge model: a judge that is down must not flood the log, call after call. */
    private void warn(String model, String what) {
        long now = System.nanoTime();
        Long last = warned.getIfPresent(model);
        if (last == null || now - last > WARN_EVERY_NANOS) {
            warned.put(model, now);
            LOG.warn("guardrail judge {}: {}; the local classifier's verdict stands (at most one warning a minute)",
                    model, what);
        }
    }

    static String body(String model, Question question, String text) {
        ObjectNode body = Json.object().put("model", model).put("temperature", 0).put("max_tokens", 5);
        ArrayNode messages = body.putArray("messages");
        StringBuilder system = new StringBuilder("You check text against a ").append(question.kind())
                .append(" of a content policy.\nName: ").append(question.name()).append("\nDefinition: ")
                .append(question.definition());
        if (!question.examples().isEmpty()) {
            system.append("\nExamples:");
            question.examples().forEach(e -> system.append("\n- ").append(e));
        }
        system.append("\nIs the user's text what the definition describes? Answer with one word: YES or NO.");
        messages.addObject().put("role", "system").put("content", system.toString());
        messages.addObject().put("role", "user").put("content", text);
        return body.toString();
    }

    /** YES or NO from the answer's first word, whatever the case and punctuation; null for anything else. */
    static Boolean verdict(String answer) {
        String first = answer.strip().split("[^\\p{L}]+", 2)[0].toUpperCase(Locale.ROOT);
        return switch (first) {
            case "YES" -> Boolean.TRUE;
            case "NO" -> Boolean.FALSE;
            default -> null;
        };
    }
}
