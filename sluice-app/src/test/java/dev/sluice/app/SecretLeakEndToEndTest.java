package dev.sluice.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.testkit.FakeUpstream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * An upstream whose error messages echo the credentials Sluice sent it (whole, as an {@code Authorization} header,
 * or masked but for their end) never gets them past Sluice: not to a caller in any of the inbound API shapes
 * (OpenAI chat, whole and streamed, Anthropic Messages, Bedrock Converse and ConverseStream), and not into the
 * ledger. Every run of 8 characters of the secret is checked for.
 */
class SecretLeakEndToEndTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    enum Kind {
        OPENAI("sk-proj-Zx81Kq0Lw2Pv7Yt5Rb3Nc9Md4Hf6Js1Ga8"),
        ANTHROPIC("sk-ant-api03-Qw7Er5Ty3Ui1Op9As8Df6Gh4Jk2Lz0Xc"),
        BEDROCK("wJalrXUtnFEMI/K7MDENG+bPxRfiCYzzSECRET9");

        final String secret;

        Kind(String secret) {
            this.secret = secret;
        }

        String provider(String base) {
            return switch (this) {
                case OPENAI -> "{id: up, type: openai, base_url: '" + base + "/v1', api_key: '" + secret + "'}";
                case ANTHROPIC -> "{id: up, type: anthropic, base_url: '" + base + "', api_key: '" + secret + "'}";
                case BEDROCK -> "{id: up, type: bedrock, base_url: '" + base + "', region: us-east-1, "
                        + "access_key_id: AKIAIOSFODNN7EXAMPLE, secret_access_key: '" + secret + "'}";
            };
        }

        /** An error answer in this upstream's own shape whose message says {@code text}. */
        MockResponse error(int status, String text) {
            String quoted = text.replace("\\", "\\\\").replace("\"", "\\\"");
            var b = new MockResponse.Builder().code(status).addHeader("content-type", "application/json");
            return switch (this) {
                case OPENAI -> b.body("{\"error\":{\"message\":\"" + quoted + "\",\"type\":\"invalid_request_error\"}}")
                        .build();
                case ANTHROPIC -> b.body("{\"type\":\"error\",\"error\":{\"type\":\""
                        + (status == 400 ? "invalid_request_error" : "api_error") + "\",\"message\":\"" + quoted
                        + "\"}}").build();
                case BEDROCK -> b.addHeader("x-amzn-ErrorType", status == 400 ? "ValidationException"
                        : "InternalServerException").body("{\"message\":\"" + quoted + "\"}").build();
            };
        }
    }

    /** The ways an upstream echoes a credential. */
    private static List<String> echoes(String secret) {
        return List.of("Incorrect API key provided: " + secret + ".",
                "header Authorization: Bearer " + secret + " was rejected",
                "key ending in ****" + secret.substring(secret.length() - 12) + " is not valid",
                "bad signature for x-api-key=" + secret + "; see docs");
    }

    private record Call(String path, String body, boolean stream) { }

    private static final List<Call> CALLS = List.of(
            new Call("/v1/chat/completions", "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                    false),
            new Call("/v1/chat/completions", "{\"model\":\"m\",\"stream\":true,\"messages\":[{\"role\":\"user\","
                    + "\"content\":\"hi\"}]}", true),
            new Call("/v1/messages", "{\"model\":\"m\",\"max_tokens\":50,\"messages\":[{\"role\":\"user\","
                    + "\"content\":\"hi\"}]}", false),
            new Call("/model/m/converse", "{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"hi\"}]}]}",
                    false),
            new Call("/model/m/converse-stream", "{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"hi\"}]}]}",
                    true));

    private static HttpResponse<String> send(RunningSluice sluice, Call call) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(sluice.baseUrl() + call.path()))
                .header("authorization", "Bearer " + RunningSluice.KEY).header("x-api-key", RunningSluice.KEY)
                .header("anthropic-version", "2023-06-01").header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(call.body())).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertNoFragment(String where, String text, String secret) {
        for (int i = 0; i + 8 <= secret.length(); i++) {
            assertThat(text).as(where + " holds part of the secret").doesNotContain(secret.substring(i, i + 8));
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void upstreamErrorsThatEchoTheKeyReachNeitherCallersNorTheLedger(Kind kind) throws Exception {
        String schema = "leak_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (FakeUpstream upstream = new FakeUpstream();
             RunningSluice sluice = new RunningSluice("storage: {url: 'postgresql://postgres@127.0.0.1:5432/test', "
                     + "schema: " + schema + "}\nproviders: [" + kind.provider(upstream.baseUri().toString())
                     + "]\nmodels: [{name: m, provider: up, upstream_model: some-model}]\n", dir)) {
            List<String> ids = new ArrayList<>();
            for (int status : new int[] {400, 500}) {
                for (String echo : echoes(kind.secret)) {
                    for (Call call : CALLS) {
                        upstream.enqueue(kind.error(status, echo));
                        HttpResponse<String> r = send(sluice, call);
                        String where = kind + " " + status + " " + call.path() + (call.stream() ? " stream" : "")
                                + " after '" + echo + "'";
                        assertThat(r.statusCode()).as(where).isBetween(400, 599);
                        assertNoFragment(where, r.body() + r.headers().map(), kind.secret);
                        ids.add(r.headers().firstValue("x-request-id").orElseThrow());
                    }
                }
            }
            StringBuilder ledger = new StringBuilder();
            for (String id : ids) {
                HttpResponse<String> row = null;
                for (int i = 0; i < 200; i++) {
                    row = HTTP.send(HttpRequest.newBuilder(URI.create(sluice.baseUrl() + "/admin/requests/" + id))
                            .header("authorization", "Bearer " + RunningSluice.KEY).build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (row.statusCode() == 200) {
                        break;
                    }
                    Thread.sleep(50);
                }
                assertThat(row.statusCode()).as("the call is in the ledger").isEqualTo(200);
                assertThat(row.body()).contains("error_message");
                ledger.append(row.body()).append('\n');
            }
            assertNoFragment("the ledger", ledger.toString(), kind.secret);
        }
    }
}
