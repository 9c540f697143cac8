package dev.sluice.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A guardrail carried by a virtual key ({@code /admin/keys}, {@code guardrail: {id, version}}), over a real socket on
 * the real PostgreSQL, the simulator echoing the prompt: it checks every call made with the key (ahead of the model's
 * own, and the caller's header cannot replace it), a change to it applies from the next call on this node and within
 * a second on another, an unknown one is a 400 naming the field that writes nothing, and every change is audited.
 */
class KeyGuardrailEndToEndTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String SSN = "My SSN is 536-22-1234.";
    private static final String BANG = "Say kaboom.";

    @TempDir
    Path dir;

    private final List<String> schemas = new ArrayList<>();

    /** A node on a schema of this test's own (dropped after it), unless {@code schema} is given. */
    private String config(String schema) {
        if (schema == null) {
            schema = "t_keyguard_" + Long.toHexString(System.nanoTime());
            schemas.add(schema);
        }
        return "storage: {url: 'postgresql://postgres@127.0.0.1:5432/test', schema: " + schema + "}\n" + """
                providers: [{id: sim, type: simulator}]
                models:
                  - {name: echo, provider: sim, options: {reply: echo}}
                  - {name: worded, provider: sim, options: {reply: echo}, guardrail: {id: words, version: 1}}
                guardrails:
                  definitions:
                    - id: pii
                      name: pii
                      blocked_input_messaging: PII blocked.
                      blocked_outputs_messaging: PII withheld.
                      sensitive_information_policy_config:
                        pii_entities_config: [{type: US_SOCIAL_SECURITY_NUMBER, action: BLOCK}]
                    - id: words
                      name: words
                      blocked_input_messaging: Word blocked.
                      blocked_outputs_messaging: Word withheld.
                      word_policy_config: {words_config: [{text: kaboom}]}
                """;
    }

    @AfterEach
    void dropSchemas() throws Exception {
        try (var c = java.sql.DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test?user=postgres");
             var s = c.createStatement()) {
            for (String schema : schemas) {
                s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
    }

    @Test
    void aKeysGuardrailBlocksWhatTheSameCallWithoutItPassesAheadOfTheModelsAndTheHeaderCannotReplaceIt()
            throws Exception {
        try (RunningSluice s = new RunningSluice(config(null), dir)) {
            JsonNode guarded = admin(s, "POST", "/admin/keys", "{\"name\":\"guarded\",\"guardrail\":{\"id\":\"pii\","
                    + "\"version\":1}}", 201);
            assertThat(guarded.path("guardrail").toString()).isEqualTo("{\"id\":\"pii\",\"version\":\"1\"}");
            String plain = admin(s, "POST", "/admin/keys", "{\"name\":\"plain\"}", 201).path("key").asText();
            String secret = guarded.path("key").asText();

            assertThat(answer(chat(s, secret, "echo", SSN, null))).isEqualTo("PII blocked.");
            assertThat(answer(chat(s, plain, "echo", SSN, null))).as("the same call without the key's guardrail")
                    .isEqualTo(SSN);
            assertThat(answer(chat(s, secret, "echo", "Hello.", null))).isEqualTo("Hello.");
            assertThat(answer(chat(s, secret, "echo", SSN, "words"))).as("the caller's header does not replace it")
                    .isEqualTo("PII blocked.");
            assertThat(answer(chat(s, secret, "worded", BANG, null))).as("the key's wins over the model's")
                    .isEqualTo(BANG);
            assertThat(answer(chat(s, plain, "worded", BANG, null))).isEqualTo("Word blocked.");

            JsonNode read = admin(s, "GET", "/admin/keys/" + guarded.path("id").asText(), null, 200);
            assertThat(read.path("guardrail").path("id").asText()).isEqualTo("pii");
            assertThat(audited(s, guarded.path("id").asText())).first().satisfies(row -> {
                assertThat(row.path("action").asText()).isEqualTo("key.create");
                assertThat(row.path("after").path("guardrail").path("id").asText()).isEqualTo("pii");
            });
        }
    }

    @Test
    void changingAKeysGuardrailAppliesFromTheNextCallAndNullRemovesIt() throws Exception {
        try (RunningSluice s = new RunningSluice(config(null), dir)) {
            JsonNode key = admin(s, "POST", "/admin/keys", "{\"name\":\"k\",\"guardrail\":{\"id\":\"pii\"}}", 201);
            assertThat(key.path("guardrail").path("version").asText()).as("no version: DRAFT").isEqualTo("DRAFT");
            String id = key.path("id").asText();
            String secret = key.path("key").asText();
            assertThat(answer(chat(s, secret, "echo", SSN, null))).isEqualTo("PII blocked.");

            admin(s, "PATCH", "/admin/keys/" + id, "{\"guardrail\":{\"id\":\"words\",\"version\":\"1\"}}", 200);
            assertThat(answer(chat(s, secret, "echo", SSN, null))).isEqualTo(SSN);
            assertThat(answer(chat(s, secret, "echo", BANG, null))).isEqualTo("Word blocked.");

            admin(s, "PATCH", "/admin/keys/" + id, "{\"name\":\"renamed\"}", 200);
            assertThat(answer(chat(s, secret, "echo", BANG, null))).as("an update without it keeps it")
                    .isEqualTo("Word blocked.");

            JsonNode removed = admin(s, "PATCH", "/admin/keys/" + id, "{\"guardrail\":null}", 200);
            assertThat(removed.path("guardrail").isNull()).isTrue();
            assertThat(answer(chat(s, secret, "echo", BANG, null))).isEqualTo(BANG);

            List<JsonNode> rows = audited(s, id);
            assertThat(rows).extracting(r -> r.path("action").asText())
                    .containsExactly("key.update", "key.update", "key.update", "key.create");
            assertThat(rows.get(2).path("before").path("guardrail").path("id").asText()).isEqualTo("pii");
            assertThat(rows.get(2).path("after").path("guardrail").path("id").asText()).isEqualTo("words");
            assertThat(rows.get(0).path("after").path("guardrail").isNull()).isTrue();
        }
    }

    @Test
    void anUnknownGuardrailIsA400NamingTheFieldAndNothingIsWritten() throws Exception {
        try (RunningSluice s = new RunningSluice(config(null), dir)) {
            JsonNode key = admin(s, "POST", "/admin/keys", "{\"name\":\"k\",\"guardrail\":{\"id\":\"pii\","
                    + "\"version\":\"1\"}}", 201);
            String id = key.path("id").asText();
            int keysBefore = admin(s, "GET", "/admin/keys", null, 200).path("data").size();
            int auditBefore = admin(s, "GET", "/admin/audit?limit=1000", null, 200).path("data").size();

            refused(s, "POST", "/admin/keys", "{\"name\":\"n\",\"guardrail\":{\"id\":\"nosuch\"}}", "guardrail.id",
                    "no guardrail 'nosuch'");
            refused(s, "POST", "/admin/keys", "{\"name\":\"n\",\"guardrail\":{\"id\":\"pii\",\"version\":7}}",
                    "guardrail.id", "with version 7");
            refused(s, "POST", "/admin/keys", "{\"name\":\"n\",\"guardrail\":{\"id\":\"PII!\"}}", "guardrail.id",
                    "lowercase letters and digits");
            refused(s, "POST", "/admin/keys", "{\"name\":\"n\",\"guardrail\":{\"version\":1}}", "guardrail.id",
                    "is required");
            refused(s, "POST", "/admin/keys", "{\"name\":\"n\",\"guardrail\":{\"id\":\"pii\",\"version\":\"v2\"}}",
                    "guardrail.version", "DRAFT or a version number");
            refused(s, "POST", "/admin/keys", "{\"name\":\"n\",\"guardrail\":\"pii\"}", "guardrail", "mapping");
            refused(s, "PATCH", "/admin/keys/" + id, "{\"guardrail\":{\"id\":\"nosuch\"}}", "guardrail.id",
                    "no guardrail 'nosuch'");

            assertThat(admin(s, "GET", "/admin/keys", null, 200).path("data").size()).isEqualTo(keysBefore);
            assertThat(admin(s, "GET", "/admin/keys/" + id, null, 200).path("guardrail").path("id").asText())
                    .isEqualTo("pii");
            assertThat(admin(s, "GET", "/admin/audit?limit=1000", null, 200).path("data").size())
                    .as("nothing refused was audited").isEqualTo(auditBefore);
            assertThat(answer(chat(s, key.path("key").asText(), "echo", SSN, null))).isEqualTo("PII blocked.");
        }
    }

    @Test
    void twoNodesOnOneDatabaseApplyAGuardrailGivenToAKeyOnTheOther() throws Exception {
        String schema = "t_keyguard_" + Long.toHexString(System.nanoTime());
        schemas.add(schema);
        String yaml = config(schema);
        try (RunningSluice a = new RunningSluice(yaml, dir.resolve("a"));
             RunningSluice b = new RunningSluice(yaml, dir.resolve("b"))) {
            JsonNode key = admin(a, "POST", "/admin/keys", "{\"name\":\"shared\"}", 201);
            String secret = key.path("key").asText();
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (chat(b, secret, "echo", SSN, null).statusCode() != 200) {
                assertThat(System.nanoTime()).as("node B knows the key").isLessThan(deadline);
                Thread.sleep(20);
            }
            assertThat(answer(chat(b, secret, "echo", SSN, null))).isEqualTo(SSN);

            admin(a, "PATCH", "/admin/keys/" + key.path("id").asText(), "{\"guardrail\":{\"id\":\"pii\","
                    + "\"version\":1}}", 200);
            long start = System.nanoTime();
            while (!answer(chat(b, secret, "echo", SSN, null)).equals("PII blocked.")) {
                assertThat(System.nanoTime() - start).as("node B applies the key's new guardrail")
                        .isLessThan(5_000_000_000L);
                Thread.sleep(20);
            }
            assertThat((System.nanoTime() - start) / 1_000_000).as("ms until node B applied it").isLessThan(2_000);
        }
    }

    @Test
    void theKeysCommandCreatesAKeyWithAGuardrail() throws Exception {
        try (RunningSluice s = new RunningSluice(config(null), dir)) {
            String created = AccessEndToEndTest.cli("keys", "create", "cli-guarded", "--guardrail", "pii:1", "--url",
                    s.baseUrl(), "--key", RunningSluice.KEY);
            assertThat(created).startsWith("0\n");
            String secret = created.substring(created.indexOf("sk-sluice-")).strip();
            assertThat(answer(chat(s, secret, "echo", SSN, null))).isEqualTo("PII blocked.");
            String listed = AccessEndToEndTest.cli("keys", "list", "--url", s.baseUrl(), "--key", RunningSluice.KEY);
            assertThat(listed).contains("guardrail")
                    .matches("(?s).*cli-guarded[^\n]*pii:1.*");
            assertThat(AccessEndToEndTest.cli("keys", "create", "x", "--guardrail", "nosuch", "--url", s.baseUrl(),
                    "--key", RunningSluice.KEY)).startsWith("2\n").contains("guardrail.id");
            assertThat(AccessEndToEndTest.cli("keys", "create", "--help")).contains("--guardrail=id[:version]")
                    .contains("applied to every call");
        }
    }

    /** The audit log's rows about key {@code id}, newest first. */
    private static List<JsonNode> audited(RunningSluice s, String id) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        admin(s, "GET", "/admin/audit?limit=100", null, 200).path("data").forEach(row -> {
            if (row.path("target").asText().equals("key:" + id)) {
                out.add(row);
            }
        });
        return out;
    }

    private static String answer(HttpResponse<String> r) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return Json.parse(r.body()).path("choices").get(0).path("message").path("content").asText();
    }

    private static HttpResponse<String> chat(RunningSluice s, String key, String model, String prompt,
                                             String guardrailHeader) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(s.baseUrl() + "/v1/chat/completions"))
                .header("authorization", "Bearer " + key).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.text(Json.object().put("model", model)
                        .set("messages", Json.MAPPER.createArrayNode().add(Json.object().put("role", "user")
                                .put("content", prompt))))));
        if (guardrailHeader != null) {
            b.header("x-sluice-guardrail", guardrailHeader);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode admin(RunningSluice s, String method, String path, String body, int status) throws Exception {
        HttpResponse<String> r = RouteAdminEndToEndTest.admin(s, method, path, body);
        assertThat(r.statusCode()).as(method + " " + path + ": " + r.body()).isEqualTo(status);
        return Json.parse(r.body());
    }

    private static void refused(RunningSluice s, String method, String path, String body, String param,
                                String says) throws Exception {
        HttpResponse<String> r = RouteAdminEndToEndTest.admin(s, method, path, body);
        assertThat(r.statusCode()).as(body + " -> " + r.body()).isEqualTo(400);
        JsonNode error = Json.parse(r.body()).path("error");
        assertThat(error.path("param").asText()).as(r.body()).isEqualTo(param);
        assertThat(error.path("message").asText()).as(r.body()).contains(says);
    }
}
