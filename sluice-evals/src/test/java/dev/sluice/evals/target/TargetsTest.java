package dev.sluice.evals.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.sluice.api.error.ErrorType;
import dev.sluice.api.error.GatewayException;
import dev.sluice.api.json.Json;
import dev.sluice.evals.dataset.EvalCase;
import dev.sluice.evals.run.RetryPolicy;
import dev.sluice.evals.suite.TargetSpec;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Application HTTP targets, JSON paths, error mapping and retries, over a real loopback socket. */
class TargetsTest {

    private HttpServer server;
    private final AtomicReference<String> lastBody = new AtomicReference<>();
    private final AtomicReference<String> lastToken = new AtomicReference<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/ask", ex -> {
            lastBody.set(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            lastToken.set(ex.getRequestHeaders().getFirst("x-token"));
            byte[] body;
            int status;
            if (failuresLeft.getAndDecrement() > 0) {
                status = 503;
                body = "{\"error\":{\"message\":\"warming up\"}}".getBytes(StandardCharsets.UTF_8);
            } else {
                status = 200;
                body = "{\"data\":{\"answer\":\"Paris\",\"sources\":[\"doc one\",{\"id\":2}]}}"
                        .getBytes(StandardCharsets.UTF_8);
            }
            ex.getResponseHeaders().add("x-sluice-cost-usd", "0.5");
            ex.sendResponseHeaders(status, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private HttpAppTarget target(String answerPath) {
        return new HttpAppTarget(new TargetSpec.Http("app", "http://127.0.0.1:" + server.getAddress().getPort()
                + "/ask", "POST", Map.of("x-token", "{{APP_TOKEN}}"), "{\"q\":\"{{prompt}}\",\"city\":\"{{city}}\"}",
                answerPath, "$.data.sources"), http, Duration.ofSeconds(5), Map.of("APP_TOKEN", "t0k"));
    }

    @Test
    void anApplicationEndpointGetsTheRenderedBodyAndItsAnswerIsFoundByJsonPath() throws Exception {
        TargetOutput out = target("$.data.answer").call("Where is \"it\"?", new EvalCase("1", Map.of("city", "Paris"),
                null, null, List.of()));

        assertThat(Json.parse(lastBody.get()).path("q").asText()).isEqualTo("Where is \"it\"?");
        assertThat(lastToken.get()).isEqualTo("t0k");
        assertThat(out.text()).isEqualTo("Paris");
        assertThat(out.contexts()).containsExactly("doc one", "{\"id\":2}");
        assertThat(out.costUsd()).isEqualTo(0.5);
        assertThat(out.ttftMs()).isEqualTo(-1);
    }

    @Test
    void aMissingAnswerAndAnHttpErrorAreGatewayExceptions() {
        EvalCase c = new EvalCase("1", Map.of("city", "x"), null, null, List.of());
        assertThatThrownBy(() -> target("$.nope").call("p", c)).isInstanceOf(GatewayException.class)
                .hasMessageContaining("nothing at $.nope");
        failuresLeft.set(1);
        assertThatThrownBy(() -> target("$.data.answer").call("p", c)).isInstanceOfSatisfying(GatewayException.class,
                e -> {
                    assertThat(e.error().type()).isEqualTo(ErrorType.UPSTREAM_UNAVAILABLE);
                    assertThat(e.getMessage()).isEqualTo("target 'app' answered HTTP 503: warming up");
                });
    }

    @Test
    void transientErrorsAreRetriedAndPermanentOnesAreNot() throws Exception {
        EvalCase c = new EvalCase("1", Map.of("city", "x"), null, null, List.of());
        RetryPolicy retry = new RetryPolicy(4, Duration.ofMillis(5), Duration.ofMillis(20));
        failuresLeft.set(2);

        assertThat(retry.call(() -> target("$.data.answer").call("p", c)).text()).isEqualTo("Paris");

        AtomicInteger attempts = new AtomicInteger();
        assertThatThrownBy(() -> retry.call(() -> {
            attempts.incrementAndGet();
            throw GatewayException.invalid("bad", null);
        })).isInstanceOf(GatewayException.class);
        assertThat(attempts.get()).isEqualTo(1);
    }

    @Test
    void jsonPathsReadFieldsIndexesAndQuotedNames() throws Exception {
        var root = Json.parse("{\"choices\":[{\"message\":{\"content\":\"hi\"}}],\"odd key\":1}");
        assertThat(JsonPath.read(root, "$.choices[0].message.content").asText()).isEqualTo("hi");
        assertThat(JsonPath.read(root, "$['odd key']").asInt()).isEqualTo(1);
        assertThat(JsonPath.read(root, "$.choices[3].x").isMissingNode()).isTrue();
        assertThatThrownBy(() -> JsonPath.read(root, "choices")).hasMessageContaining("must start with '$'");
    }
}
