package dev.sluice.app;

import static dev.sluice.app.PricedKeyCalls.chat;
import static dev.sluice.app.PricedKeyCalls.spent;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.json.Json;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A virtual key's money budget on one node: concurrent calls never spend past it, an exhausted budget is a 429 that
 * says which budget and when it resets, and the spend so far survives a restart (it is read from the ledger).
 */
class BudgetEndToEndTest {

    private static final String CONFIG = PricedKeyCalls.MODELS;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    @Test
    void fiveHundredConcurrentCallsNeverSpendPastTheBudget() throws Exception {
        java.util.List<JsonNode> hooked = new java.util.concurrent.CopyOnWriteArrayList<>();
        com.sun.net.httpserver.HttpServer hook = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        hook.createContext("/hook", exchange -> {
            hooked.add(Json.parse(exchange.getRequestBody().readAllBytes()));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        hook.start();
        try (RunningSluice s = new RunningSluice(CONFIG + "alerts: {webhook: 'http://127.0.0.1:"
                + hook.getAddress().getPort() + "/hook'}\n", dir)) {
            JsonNode key = createKey(s, "{\"name\":\"capped\",\"budget\":{\"limit_usd\":2,\"period\":\"day\"}}");
            String secret = key.path("key").asText();
            List<HttpResponse<String>> answers = new ArrayList<>();
            try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Future<HttpResponse<String>>> calls = new ArrayList<>();
                for (int i = 0; i < 500; i++) {
                    calls.add(pool.submit(() -> chat(s, secret)));
                }
                for (Future<HttpResponse<String>> f : calls) {
                    answers.add(f.get());
                }
            }
            long ok = answers.stream().filter(r -> r.statusCode() == 200).count();
            List<HttpResponse<String>> refused = answers.stream().filter(r -> r.statusCode() == 429).toList();
            assertThat(ok + refused.size()).as("every call is answered or refused").isEqualTo(500);
            assertThat(ok).as("the budget affords some calls").isPositive();
            assertThat(refused).as("and not all of them").isNotEmpty();
            JsonNode error = Json.parse(refused.getFirst().body()).path("error");
            assertThat(error.path("type").asText()).isEqualTo("insufficient_quota");
            assertThat(error.path("message").asText()).contains("key '" + key.path("id").asText() + "'")
                    .contains("$2 per day").contains("resets at");
            assertThat(refused.getFirst().headers().firstValue("retry-after")).isPresent();

            BigDecimal spent = spent(s, key.path("id").asText(), 500); // refused calls are in the ledger too
            assertThat(spent).as("what the ledger says the key spent").isPositive()
                    .isLessThanOrEqualTo(new BigDecimal("2"));

            HttpResponse<String> shown = HTTP.send(HttpRequest.newBuilder(URI.create(s.baseUrl() + "/admin/keys/"
                    + key.path("id").asText())).header("authorization", "Bearer " + RunningSluice.KEY).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode budget = Json.parse(shown.body()).path("budgets").path(0);
            assertThat(budget.path("scope").asText()).isEqualTo("key:" + key.path("id").asText());
            assertThat(new BigDecimal(budget.path("spent_usd").asText())).isEqualByComparingTo(spent);
            assertThat(new BigDecimal(budget.path("remaining_usd").asText()))
                    .isEqualByComparingTo(new BigDecimal("2").subtract(spent));
            assertThat(budget.path("resets_at").asText()).endsWith("T00:00:00Z");

            // each threshold the spend reached is told once: in the audit log and the metrics
            java.util.Set<Integer> expected = new java.util.TreeSet<>();
            for (int t : new int[] {50, 80, 100}) {
                if (spent.multiply(BigDecimal.valueOf(100)).compareTo(BigDecimal.valueOf(2L * t)) >= 0) {
                    expected.add(t);
                }
            }
            java.util.Set<Integer> told = new java.util.TreeSet<>();
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (!told.equals(expected) && System.nanoTime() < deadline) {
                told.clear();
                HttpResponse<String> audit = HTTP.send(HttpRequest.newBuilder(URI.create(s.baseUrl()
                        + "/admin/audit?limit=1000")).header("authorization", "Bearer " + RunningSluice.KEY).build(),
                        HttpResponse.BodyHandlers.ofString());
                for (JsonNode row : Json.parse(audit.body()).path("data")) {
                    if (row.path("action").asText().equals("budget.alert")) {
                        assertThat(row.path("target").asText()).isEqualTo("key:" + key.path("id").asText());
                        told.add(row.path("after").path("percent").asInt());
                    }
                }
                Thread.sleep(50);
            }
            assertThat(told).as("alerts for a spend of $" + spent + " of $2").isEqualTo(expected);
            String metrics = HTTP.send(HttpRequest.newBuilder(URI.create(s.baseUrl() + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            expected.forEach(t -> assertThat(metrics).contains("sluice_budget_alerts_total{percent=\"" + t
                    + "\",scope=\"key\"} 1.0"));
            assertThat(hooked).as("the webhook got each alert").extracting(j -> j.path("percent").asInt())
                    .containsExactlyInAnyOrderElementsOf(expected);
            hooked.forEach(j -> assertThat(j.path("scope").asText()).isEqualTo("key:" + key.path("id").asText()));
        } finally {
            hook.stop(0);
        }
    }

    @Test
    void theSpendSoFarSurvivesARestart() throws Exception {
        String secret;
        try (RunningSluice s = new RunningSluice(CONFIG, dir)) {
            // a call costs about 2 cents and its worst case (its body by length, 10 output tokens) 3: 4 cents afford
            // one
            secret = createKey(s, "{\"name\":\"small\",\"budget\":{\"limit_usd\":0.04,\"period\":\"month\"}}")
                    .path("key").asText();
            assertThat(chat(s, secret).statusCode()).isEqualTo(200);
            assertThat(chat(s, secret).statusCode()).as("spent about 2 cents; the next worst case does not fit")
                    .isEqualTo(429);
        }
        try (RunningSluice s = new RunningSluice(CONFIG, dir)) {
            HttpResponse<String> after = chat(s, secret);
            assertThat(after.statusCode()).as("the spend before the restart still counts: " + after.body())
                    .isEqualTo(429);
        }
    }

    private static JsonNode createKey(RunningSluice s, String body) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(s.baseUrl() + "/admin/keys"))
                .header("authorization", "Bearer " + RunningSluice.KEY).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return Json.parse(r.body());
    }
}
