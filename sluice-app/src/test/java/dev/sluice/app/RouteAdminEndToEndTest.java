package dev.sluice.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
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
 * {@code /admin/routes} over a real socket, on the real PostgreSQL: a route made through the API serves calls through
 * the OpenAI SDK at once, its weights move traffic, deleting it takes it away; bad definitions are 400s naming the
 * field and change nothing (the running routes, the stored ones, the audit log); a route of the config file's name
 * replaces the file's until deleted; each deployment's breaker state shows after faults and survives a change; a
 * route's {@code cache} and {@code guardrail} apply from the next call, on every node (in cluster mode the cache is
 * shared through Redis).
 */
class RouteAdminEndToEndTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    /** A node on its own schema of the shared database, unless {@code schema} is given. */
    static String config(String schema) {
        return "storage: {url: 'postgresql://postgres@127.0.0.1:5432/test', schema: " + schema + "}\n" + """
                providers: [{id: sim, type: simulator, reply: fixed, text: hello}]
                models:
                  - {name: one, provider: sim, options: {text: from-one}}
                  - {name: two, provider: sim, options: {text: from-two}}
                  - {name: down, provider: sim, options: {error_rate: 1.0, error_status: 503}}
                  - {name: echo, provider: sim, options: {reply: echo}}
                routes:
                  - name: base
                    deployments: [{model: one}]
                guardrails:
                  definitions:
                    - id: pii
                      name: pii
                      blocked_input_messaging: Input blocked.
                      blocked_outputs_messaging: Output blocked.
                      sensitive_information_policy_config:
                        pii_entities_config: [{type: US_SOCIAL_SECURITY_NUMBER, action: BLOCK}]
                """;
    }

    private final List<String> schemas = new ArrayList<>();

    /** A schema of this test's own, dropped after it. */
    private String schema() {
        String schema = "t_routes_" + Long.toHexString(System.nanoTime());
        schemas.add(schema);
        return schema;
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

    static HttpResponse<String> admin(RunningSluice s, String method, String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(s.baseUrl() + path))
                .header("authorization", "Bearer " + RunningSluice.KEY).header("content-type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> chat(RunningSluice s, String model) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(s.baseUrl() + "/v1/chat/completions"))
                .header("authorization", "Bearer " + RunningSluice.KEY).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"" + model + "\",\"messages\":[{\"role\":"
                        + "\"user\",\"content\":\"hi\"}]}")).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Which deployments served {@code n} calls to {@code model}, in order. */
    static List<String> servedBy(RunningSluice s, String model, int n) throws Exception {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            HttpResponse<String> r = chat(s, model);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            out.add(r.headers().firstValue("x-sluice-deployment").orElseThrow());
        }
        return out;
    }

    private static JsonNode json(HttpResponse<String> r, int status) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        return Json.parse(r.body());
    }

    @Test
    void aRouteMadeThroughTheApiServesAtOnceItsWeightsMoveTrafficAndDeletingItTakesItAway() throws Exception {
        try (RunningSluice s = new RunningSluice(config(schema()), dir)) {
            JsonNode made = json(admin(s, "PUT", "/admin/routes/blend",
                    "{\"deployments\":[{\"model\":\"one\",\"weight\":1},{\"model\":\"two\",\"weight\":0}]}"), 201);
            assertThat(made.path("source").asText()).isEqualTo("admin");
            assertThat(made.path("active").asBoolean()).isTrue();

            OpenAIClient client = OpenAIOkHttpClient.builder().baseUrl(s.baseUrl() + "/v1")
                    .apiKey(RunningSluice.KEY).maxRetries(0).build();
            var answer = client.chat().completions().create(ChatCompletionCreateParams.builder().model("blend")
                    .addUserMessage("hi").build());
            assertThat(answer.choices().getFirst().message().content()).hasValue("from-one");
            assertThat(client.models().list().data()).extracting(com.openai.models.models.Model::id)
                    .contains("blend", "base");
            assertThat(servedBy(s, "blend", 20)).containsOnly("one");

            json(admin(s, "PUT", "/admin/routes/blend",
                    "{\"deployments\":[{\"model\":\"one\",\"weight\":0},{\"model\":\"two\",\"weight\":1}]}"), 200);
            assertThat(servedBy(s, "blend", 20)).as("the new weights, on the next call").containsOnly("two");

            assertThat(json(admin(s, "DELETE", "/admin/routes/blend", null), 200).path("deleted").asBoolean())
                    .isTrue();
            assertThat(chat(s, "blend").statusCode()).isEqualTo(404);
            assertThat(admin(s, "GET", "/admin/routes/blend", null).statusCode()).isEqualTo(404);

            List<String> audited = new ArrayList<>();
            json(admin(s, "GET", "/admin/audit?limit=10", null), 200).path("data").forEach(row -> {
                if (row.path("target").asText().equals("route:blend")) {
                    audited.add(row.path("action").asText());
                }
            });
            assertThat(audited).as("newest first").containsExactly("route.delete", "route.update", "route.create");
            assertThat(json(admin(s, "GET", "/admin/audit/verify", null), 200).path("intact").asBoolean()).isTrue();
        }
    }

    @Test
    void aRouteOfTheConfigFilesNameReplacesItUntilDeletedAndAFileOnlyRouteCannotBeDeleted() throws Exception {
        try (RunningSluice s = new RunningSluice(config(schema()), dir)) {
            assertThat(servedBy(s, "base", 3)).containsOnly("one");
            assertThat(json(admin(s, "GET", "/admin/routes/base", null), 200).path("source").asText())
                    .isEqualTo("config");
            assertThat(admin(s, "DELETE", "/admin/routes/base", null).statusCode()).isEqualTo(409);

            JsonNode over = json(admin(s, "PUT", "/admin/routes/base",
                    "{\"deployments\":[{\"model\":\"two\"}]}"), 201);
            assertThat(over.path("overrides_config").asBoolean()).isTrue();
            assertThat(servedBy(s, "base", 3)).containsOnly("two");

            json(admin(s, "DELETE", "/admin/routes/base", null), 200);
            assertThat(servedBy(s, "base", 3)).as("the file's route is back").containsOnly("one");
        }
    }

    @Test
    void eachDeploymentsBreakerShowsAfterFaultsAndStaysAsItWasWhenTheRouteChanges() throws Exception {
        try (RunningSluice s = new RunningSluice(config(schema()), dir)) {
            json(admin(s, "PUT", "/admin/routes/flaky", "{\"deployments\":[{\"model\":\"down\",\"weight\":1},"
                    + "{\"model\":\"one\",\"weight\":0}],\"retries\":{\"max\":1,\"base_ms\":1}}"), 201);
            assertThat(servedBy(s, "flaky", 6)).as("down fails, one answers").containsOnly("one");

            JsonNode route = json(admin(s, "GET", "/admin/routes/flaky", null), 200);
            JsonNode down = route.path("deployments").get(0);
            assertThat(down.path("model").asText()).isEqualTo("down");
            assertThat(down.path("breaker").path("state").asText()).isEqualTo("open");
            assertThat(down.path("breaker").path("times_opened").asLong()).isEqualTo(1);
            assertThat(down.path("breaker").path("open_until").isTextual()).isTrue();
            JsonNode one = route.path("deployments").get(1);
            assertThat(one.path("breaker").path("state").asText()).isEqualTo("closed");
            assertThat(one.path("latency").path("ttft_ms").isNumber()).isTrue();
            assertThat(one.path("in_flight").asInt()).isZero();

            json(admin(s, "PUT", "/admin/routes/flaky", "{\"deployments\":[{\"model\":\"down\",\"weight\":5},"
                    + "{\"model\":\"two\",\"weight\":1}]}"), 200);
            JsonNode after = json(admin(s, "GET", "/admin/routes/flaky", null), 200);
            assertThat(after.path("deployments").get(0).path("breaker").path("state").asText())
                    .as("down's breaker carried over, still open").isEqualTo("open");
            assertThat(servedBy(s, "flaky", 3)).containsOnly("two");
        }
    }

    @Test
    void badDefinitionsAre400sNamingTheFieldAndChangeNothing() throws Exception {
        try (RunningSluice s = new RunningSluice(config(schema()), dir)) {
            String keep = "{\"deployments\":[{\"model\":\"one\"}]}";
            json(admin(s, "PUT", "/admin/routes/keep", keep), 201);
            json(admin(s, "PUT", "/admin/routes/x", "{\"deployments\":[{\"model\":\"two\"}],\"fallbacks\":[\"keep\"]}"),
                    201);
            json(admin(s, "POST", "/admin/routes", "{\"name\":\"y\",\"deployments\":[{\"model\":\"two\"}],"
                    + "\"fallbacks\":[\"base\"]}"), 201);
            String definitionBefore = json(admin(s, "GET", "/admin/routes/keep", null), 200).path("definition")
                    .toString();
            int auditBefore = json(admin(s, "GET", "/admin/audit?limit=1000", null), 200).path("data").size();

            refused(s, "PUT", "/admin/routes/keep", "{\"deployments\":[{\"model\":\"gpt-9\"}]}",
                    "deployments[0].model", "unknown deployment 'gpt-9'");
            refused(s, "PUT", "/admin/routes/keep", "{\"deployments\":[{\"model\":\"one\",\"weight\":-1}]}",
                    "deployments[0].weight", "not -1");
            refused(s, "PUT", "/admin/routes/keep", "{\"strategy\":\"fastest\",\"deployments\":[{\"model\":\"one\"}]}",
                    "strategy", "unknown strategy 'fastest'");
            refused(s, "PUT", "/admin/routes/keep", "{\"deployments\":[{\"model\":\"one\"}],\"fallbacks\":[\"x\"]}",
                    "fallbacks", "keep -> x -> keep");
            refused(s, "PUT", "/admin/routes/base", "{\"deployments\":[{\"model\":\"one\"}],\"fallbacks\":[\"y\"]}",
                    "fallbacks", "base -> y -> base");
            refused(s, "PUT", "/admin/routes/keep", "{\"deployments\":[{\"model\":\"one\"}],\"fallbacks\":[\"nope\"]}",
                    "fallbacks[0]", "unknown route 'nope'");
            refused(s, "PUT", "/admin/routes/keep", "{\"deployments\":\"one\"}", "deployments", "must be a list");
            refused(s, "PUT", "/admin/routes/keep", "{\"deployments\":[{\"model\":\"one\",\"weight\":\"x\"}]}",
                    "deployments[0].weight", "must be a whole number");
            refused(s, "PUT", "/admin/routes/keep", "{\"deployments\":[{\"model\":\"one\"}],\"weigth\":1}",
                    "weigth", "unknown key");
            refused(s, "PUT", "/admin/routes/keep", "{\"deployments\":[{\"model\":\"one\"}", null, "not valid JSON");
            refused(s, "PUT", "/admin/routes/keep", "[1]", null, "must be a JSON object");
            refused(s, "PUT", "/admin/routes/one", keep, "name", "already a model's name");
            refused(s, "PUT", "/admin/routes/keep", "{\"name\":\"other\",\"deployments\":[{\"model\":\"one\"}]}",
                    "name", "path's name");
            refused(s, "POST", "/admin/routes", "{\"deployments\":[{\"model\":\"one\"}]}", "name", "is required");
            refused(s, "PUT", "/admin/routes/keep", "{\"deployments\":[{\"model\":\"one\"}],\"cache\":{\"ttl\":"
                    + "\"forever\"}}", "cache.ttl", "must be a duration");
            refused(s, "PUT", "/admin/routes/keep", "{\"deployments\":[{\"model\":\"one\"}],\"cache\":{\"semantic\":"
                    + "{\"threshold\":2}}}", "cache.semantic.threshold", "at most 1");
            refused(s, "PUT", "/admin/routes/keep", "{\"deployments\":[{\"model\":\"one\"}],\"cache\":{\"scope\":"
                    + "\"world\"}}", "cache.scope", "unknown scope 'world'");
            refused(s, "PUT", "/admin/routes/keep", "{\"deployments\":[{\"model\":\"one\"}],\"cache\":[1]}",
                    "cache", "must be true, false or a mapping");
            refused(s, "PUT", "/admin/routes/keep", "{\"deployments\":[{\"model\":\"one\"}],\"guardrail\":"
                    + "{\"id\":\"g\"}}", "guardrail.id", "no guardrail 'g'");
            refused(s, "PUT", "/admin/routes/keep", "{\"deployments\":[{\"model\":\"one\"}],\"guardrail\":"
                    + "{\"id\":\"pii\",\"version\":9}}", "guardrail.id", "with version 9");
            refused(s, "PUT", "/admin/routes/keep", "{\"deployments\":[{\"model\":\"one\"}],\"guardrail\":"
                    + "{\"id\":\"pii\",\"version\":\"latest\"}}", "guardrail.version", "DRAFT or a version");

            HttpResponse<String> taken = admin(s, "POST", "/admin/routes", "{\"name\":\"keep\",\"deployments\":"
                    + "[{\"model\":\"two\"}]}");
            assertThat(taken.statusCode()).as(taken.body()).isEqualTo(409);
            HttpResponse<String> breaks = admin(s, "DELETE", "/admin/routes/keep", null);
            assertThat(breaks.statusCode()).as(breaks.body()).isEqualTo(409);
            assertThat(breaks.body()).contains("would break the route 'x'").contains("unknown route 'keep'");
            assertThat(HTTP.send(HttpRequest.newBuilder(URI.create(s.baseUrl() + "/admin/routes")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).as("no key").isEqualTo(401);

            assertThat(json(admin(s, "GET", "/admin/routes/keep", null), 200).path("definition").toString())
                    .isEqualTo(definitionBefore);
            assertThat(json(admin(s, "GET", "/admin/audit?limit=1000", null), 200).path("data").size())
                    .as("nothing refused was audited").isEqualTo(auditBefore);
            assertThat(servedBy(s, "keep", 3)).containsOnly("one");
            assertThat(servedBy(s, "base", 3)).containsOnly("one");
        }
    }

    @Test
    void twoNodesOnOneDatabaseEachSeeAChangeMadeOnTheOther() throws Exception {
        String yaml = config(schema());
        try (RunningSluice a = new RunningSluice(yaml, dir.resolve("a"));
             RunningSluice b = new RunningSluice(yaml, dir.resolve("b"))) {
            json(admin(a, "PUT", "/admin/routes/shared", "{\"deployments\":[{\"model\":\"one\"}]}"), 201);
            long took = awaitServedBy(b, "shared", "one");
            assertThat(took).as("ms until the other node serves a new route").isLessThan(5_000);
            assertThat(json(admin(b, "GET", "/admin/routes/shared", null), 200).path("source").asText())
                    .isEqualTo("admin");

            json(admin(b, "PUT", "/admin/routes/shared", "{\"deployments\":[{\"model\":\"two\"}]}"), 200);
            awaitServedBy(a, "shared", "two");
            assertThat(servedBy(a, "shared", 5)).containsOnly("two");

            json(admin(b, "DELETE", "/admin/routes/shared", null), 200);
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (chat(a, "shared").statusCode() != 404) {
                assertThat(System.nanoTime()).as("the other node drops the deleted route").isLessThan(deadline);
                Thread.sleep(20);
            }
            List<String> audited = new ArrayList<>();
            json(admin(a, "GET", "/admin/audit?limit=20", null), 200).path("data").forEach(row -> {
                if (row.path("target").asText().equals("route:shared")) {
                    audited.add(row.path("action").asText());
                }
            });
            assertThat(audited).containsExactly("route.delete", "route.update", "route.create");

            // two changes at once on two nodes that together would close a cycle: they take turns, one is refused
            json(admin(a, "PUT", "/admin/routes/p", "{\"deployments\":[{\"model\":\"one\"}]}"), 201);
            json(admin(a, "PUT", "/admin/routes/q", "{\"deployments\":[{\"model\":\"two\"}]}"), 201);
            var pq = java.util.concurrent.CompletableFuture.supplyAsync(() -> status(a, "p", "q"));
            var qp = java.util.concurrent.CompletableFuture.supplyAsync(() -> status(b, "q", "p"));
            assertThat(List.of(pq.get(), qp.get())).containsExactlyInAnyOrder(200, 400);
        }
    }

    @Test
    void aRouteMadeWithACacheAnswersTheSecondIdenticalCallFromItAndLosesItWhenChanged() throws Exception {
        try (RunningSluice s = new RunningSluice(config(schema()), dir)) {
            JsonNode made = json(admin(s, "PUT", "/admin/routes/cached", "{\"deployments\":[{\"model\":\"echo\"}],"
                    + "\"cache\":{\"ttl\":\"1m\"}}"), 201);
            assertThat(made.path("definition").path("cache").path("ttl").asText()).isEqualTo("1m");
            assertThat(cacheHeaders(s, "cached", "same question")).containsExactly("miss", "hit");
            assertThat(chat(s, "base").headers().firstValue("x-sluice-cache")).as("the file's route: no cache")
                    .isEmpty();

            json(admin(s, "PUT", "/admin/routes/cached", "{\"deployments\":[{\"model\":\"echo\"}]}"), 200);
            assertThat(cacheHeaders(s, "cached", "same question")).as("no cache: not even looked up")
                    .containsExactly("-", "-");

            json(admin(s, "PUT", "/admin/routes/base", "{\"deployments\":[{\"model\":\"echo\"}],\"cache\":true}"),
                    201);
            assertThat(cacheHeaders(s, "base", "a file's route replaced with a cache")).containsExactly("miss", "hit");
            json(admin(s, "DELETE", "/admin/routes/base", null), 200);
            assertThat(cacheHeaders(s, "base", "the file's route is back")).containsExactly("-", "-");

            List<JsonNode> audited = new ArrayList<>();
            json(admin(s, "GET", "/admin/audit?limit=20", null), 200).path("data").forEach(row -> {
                if (row.path("target").asText().equals("route:cached")) {
                    audited.add(row);
                }
            });
            assertThat(audited).extracting(r -> r.path("action").asText()).containsExactly("route.update",
                    "route.create");
            assertThat(audited.get(0).path("before").path("cache").path("ttl").asText()).isEqualTo("1m");
            assertThat(audited.get(0).path("after").has("cache")).isFalse();
        }
    }

    @Test
    void aRouteUpdatedWithAGuardrailAppliesItFromTheNextCallAndOnlyToItsOwnCalls() throws Exception {
        try (RunningSluice s = new RunningSluice(config(schema()), dir)) {
            String ssn = "My SSN is 536-22-1234.";
            json(admin(s, "PUT", "/admin/routes/support", "{\"deployments\":[{\"model\":\"echo\"}]}"), 201);
            assertThat(answer(ask(s, "support", ssn))).isEqualTo(ssn);

            JsonNode updated = json(admin(s, "PUT", "/admin/routes/support", "{\"deployments\":[{\"model\":"
                    + "\"echo\"}],\"guardrail\":{\"id\":\"pii\",\"version\":1}}"), 200);
            assertThat(updated.path("definition").path("guardrail").path("id").asText()).isEqualTo("pii");
            assertThat(answer(ask(s, "support", ssn))).isEqualTo("Input blocked.");
            assertThat(answer(ask(s, "support", "Hello."))).isEqualTo("Hello.");
            assertThat(answer(ask(s, "echo", ssn))).as("the deployment by its own name").isEqualTo(ssn);

            json(admin(s, "PUT", "/admin/routes/support", "{\"deployments\":[{\"model\":\"echo\"}]}"), 200);
            assertThat(answer(ask(s, "support", ssn))).as("taken off again").isEqualTo(ssn);

            List<String> audited = new ArrayList<>();
            json(admin(s, "GET", "/admin/audit?limit=20", null), 200).path("data").forEach(row -> {
                if (row.path("target").asText().equals("route:support")) {
                    audited.add(row.path("action").asText() + " " + row.path("after").path("guardrail").path("id")
                            .asText("-"));
                }
            });
            assertThat(audited).containsExactly("route.update -", "route.update pii", "route.create -");
        }
    }

    @Test
    void inClusterModeARoutesCacheAndGuardrailMadeOnOneNodeApplyOnTheOther() throws Exception {
        String unique = Long.toHexString(System.nanoTime());
        String yaml = config(schema()) + "redis: {url: 'redis://127.0.0.1:6379', key_prefix: 'sluice-test-" + unique
                + ":'}\n";
        try (RunningSluice a = new RunningSluice(yaml, dir.resolve("a"));
             RunningSluice b = new RunningSluice(yaml, dir.resolve("b"))) {
            json(admin(a, "PUT", "/admin/routes/shared", "{\"deployments\":[{\"model\":\"echo\"}],"
                    + "\"cache\":{\"ttl\":\"1m\",\"scope\":\"key\"},\"guardrail\":{\"id\":\"pii\"}}"), 201);
            String ssn = "My SSN is 536-22-1234.";
            long deadline = System.nanoTime() + 5_000_000_000L;
            HttpResponse<String> guarded;
            while ((guarded = ask(b, "shared", ssn)).statusCode() != 200) {
                assertThat(System.nanoTime()).as("node B serves the new route: " + guarded.body())
                        .isLessThan(deadline);
                Thread.sleep(20);
            }
            assertThat(answer(guarded)).as("the route's guardrail, on the other node").isEqualTo("Input blocked.");

            assertThat(ask(a, "shared", "asked on A").headers().firstValue("x-sluice-cache")).hasValue("miss");
            // A stores its answer once it is sent: A's own hit says it is in Redis, so B's first call must hit too
            while (!ask(a, "shared", "asked on A").headers().firstValue("x-sluice-cache").orElse("").equals("hit")) {
                assertThat(System.nanoTime()).as("node A stored its answer").isLessThan(deadline + 5_000_000_000L);
                Thread.sleep(20);
            }
            HttpResponse<String> onB = ask(b, "shared", "asked on A");
            assertThat(onB.headers().firstValue("x-sluice-cache")).as("A's answer, from the shared cache")
                    .hasValue("hit");
            assertThat(answer(onB)).isEqualTo("asked on A");
        }
    }

    /** The {@code x-sluice-cache} header of two identical calls ({@code -} for none). */
    private static List<String> cacheHeaders(RunningSluice s, String model, String prompt) throws Exception {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            HttpResponse<String> r = ask(s, model, prompt);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            out.add(r.headers().firstValue("x-sluice-cache").orElse("-"));
        }
        return out;
    }

    static HttpResponse<String> ask(RunningSluice s, String model, String prompt) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(s.baseUrl() + "/v1/chat/completions"))
                .header("authorization", "Bearer " + RunningSluice.KEY).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.text(Json.object().put("model", model).set("messages",
                        Json.MAPPER.createArrayNode().add(Json.object().put("role", "user").put("content",
                                prompt)))))).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String answer(HttpResponse<String> r) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return Json.parse(r.body()).path("choices").get(0).path("message").path("content").asText();
    }

    /** PUTs route {@code from} falling back to {@code to} through {@code node}; the answer's status. */
    private static int status(RunningSluice node, String from, String to) {
        try {
            return admin(node, "PUT", "/admin/routes/" + from, "{\"deployments\":[{\"model\":\"one\"}],"
                    + "\"fallbacks\":[\"" + to + "\"]}").statusCode();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aStoredRouteThatNoLongerFitsTheConfigIsLeftOutWithItsProblemAndTheOthersServe() throws Exception {
        String schema = schema();
        try (RunningSluice s = new RunningSluice(config(schema), dir.resolve("first"))) {
            json(admin(s, "PUT", "/admin/routes/on-two", "{\"deployments\":[{\"model\":\"two\"}]}"), 201);
            json(admin(s, "PUT", "/admin/routes/on-one", "{\"deployments\":[{\"model\":\"one\"}]}"), 201);
            assertThat(metrics(s)).as("a deployment first routed at run time gets its breaker's metrics")
                    .contains("sluice_breaker_state{deployment=\"two\"}");
        }
        String withoutTwo = config(schema).replace("  - {name: two, provider: sim, options: {text: from-two}}\n", "");
        try (RunningSluice s = new RunningSluice(withoutTwo, dir.resolve("second"))) {
            JsonNode left = json(admin(s, "GET", "/admin/routes/on-two", null), 200);
            assertThat(left.path("active").asBoolean()).isFalse();
            assertThat(left.path("problem").asText()).contains("deployments[0].model")
                    .contains("unknown deployment 'two'");
            assertThat(chat(s, "on-two").statusCode()).isEqualTo(404);
            assertThat(servedBy(s, "on-one", 2)).containsOnly("one");
            json(admin(s, "DELETE", "/admin/routes/on-two", null), 200);
        }
    }

    private static String metrics(RunningSluice s) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(s.baseUrl() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    /** Waits until {@code node} serves {@code model} from {@code deployment}; the milliseconds it took. */
    private static long awaitServedBy(RunningSluice node, String model, String deployment) throws Exception {
        long start = System.nanoTime();
        long deadline = start + 10_000_000_000L;
        while (true) {
            HttpResponse<String> r = chat(node, model);
            if (r.statusCode() == 200 && r.headers().firstValue("x-sluice-deployment").orElse("").equals(deployment)) {
                return (System.nanoTime() - start) / 1_000_000;
            }
            assertThat(System.nanoTime()).as(model + " served by " + deployment + ": " + r.body()).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private static void refused(RunningSluice s, String method, String path, String body, String param,
                                String says) throws Exception {
        HttpResponse<String> r = admin(s, method, path, body);
        assertThat(r.statusCode()).as(body + " -> " + r.body()).isEqualTo(400);
        JsonNode error = Json.parse(r.body()).path("error");
        assertThat(error.path("type").asText()).isEqualTo("invalid_request_error");
        assertThat(error.path("message").asText()).as(body).contains(says);
        if (param == null) {
            assertThat(error.has("param")).as(r.body()).isFalse();
        } else {
            assertThat(error.path("param").asText()).as(r.body()).isEqualTo(param);
        }
    }
}
