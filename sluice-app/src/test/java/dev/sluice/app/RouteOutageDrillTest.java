package dev.sluice.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The outage drill of issue 15, over real sockets with the ledger in PostgreSQL: a route of three simulator
 * deployments, one of which ({@code west}) goes down for a window ({@code outage_ms}) and comes back, while 2,000
 * calls (a quarter streamed) are spread evenly over before, during and after the outage. Every call is answered; the
 * breaker of {@code west} opens, stays open for its {@code open_ms} between probes, and is closed again at the end
 * with traffic back on {@code west}; the ledger holds exactly one row per answered call, retried ones with their
 * attempts.
 *
 * <p>Time is scaled: the outage is {@code -Dsluice.drill.outage_ms} (3 s by default here; {@code bench/drill.sh}
 * runs the 30 s), and every other duration (the lead-in, the tail, the breaker's window and cool-down) is a
 * fixed share of it, so the behaviour is the same at any scale.
 */
class RouteOutageDrillTest {

    private static final String PG = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final Pattern COUNTER = Pattern.compile("(?m)^([a-z_]+)\\{([^}]*)} ([0-9.eE+-]+)$");

    @TempDir
    Path dir;

    /** The drill's durations, all from the outage's length. */
    private record Scale(long outageMs, long leadMs, long tailMs, long openMs, long windowMs, int calls) {
        static Scale fromProperties() {
            long outage = Long.getLong("sluice.drill.outage_ms", 3_000);
            return new Scale(outage, outage / 6, outage * 2 / 3, Math.max(50, outage / 10),
                    Math.max(100, Math.min(10_000, outage / 3)), Integer.getInteger("sluice.drill.calls", 2_000));
        }

        long spanMs() { return leadMs + outageMs + tailMs; }
    }

    private static String config(String schema, Scale s) {
        String breaker = "breaker: {consecutive_failures: 3, failure_rate: 0.5, minimum_calls: 20, window_ms: %d, "
                .formatted(s.windowMs()) + "open_ms: %d, max_open_ms: %d, half_open_probes: 1}"
                .formatted(s.openMs(), s.openMs());
        return """
                storage: {url: 'postgresql://postgres@127.0.0.1:5432/test', schema: %s}
                providers: [{id: sim, type: simulator, reply: fixed, text: ok}]
                models:
                  - {name: east, provider: sim, %s}
                  - name: west
                    provider: sim
                    options: {outage_after_ms: %d, outage_ms: %d, error_status: 503}
                    %s
                  - {name: north, provider: sim, %s}
                routes:
                  - name: chat
                    strategy: weighted
                    deployments: [{model: east}, {model: west}, {model: north}]
                    retries: {max: 2, base_ms: 5, max_backoff_ms: 50}
                """.formatted(schema, breaker, s.leadMs(), s.outageMs(), breaker, breaker);
    }

    private static HttpRequest call(String baseUrl, boolean stream) {
        return HttpRequest.newBuilder(URI.create(baseUrl + "/v1/chat/completions"))
                .header("authorization", "Bearer " + RunningSluice.KEY).header("content-type", "application/json")
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"chat\",\"stream\":" + stream
                        + ",\"messages\":[{\"role\":\"user\",\"content\":\"drill\"}]}")).build();
    }

    /** Sums the samples of a metric whose labels contain every one of {@code labels}. */
    private static double metric(String scrape, String name, String... labels) {
        double sum = 0;
        Matcher m = COUNTER.matcher(scrape);
        while (m.find()) {
            if (!m.group(1).equals(name)) {
                continue;
            }
            boolean all = true;
            for (String l : labels) {
                all &= m.group(2).contains(l);
            }
            sum += all ? Double.parseDouble(m.group(3)) : 0;
        }
        return sum;
    }

    @Test
    void aRouteOfThreeAnswersEveryCallWhileOneDeploymentIsDownAndTheLedgerLosesNone() throws Exception {
        Scale s = Scale.fromProperties();
        String schema = "drill_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        Set<String> answered = ConcurrentHashMap.newKeySet();
        List<String> failures = new ArrayList<>();
        String scrape;
        long started;
        ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
        try (RunningSluice sluice = new RunningSluice(config(schema, s), dir)) {
            List<CompletableFuture<String>> calls = new ArrayList<>(s.calls());
            long intervalNanos = TimeUnit.MILLISECONDS.toNanos(s.spanMs()) / s.calls();
            started = System.currentTimeMillis();
            for (int i = 0; i < s.calls(); i++) {
                boolean stream = i % 4 == 0;
                CompletableFuture<String> outcome = new CompletableFuture<>();
                calls.add(outcome);
                pacer.schedule(() -> HTTP.sendAsync(call(sluice.baseUrl(), stream),
                        HttpResponse.BodyHandlers.ofString()).whenComplete((r, e) -> {
                            if (e != null) {
                                outcome.complete("no answer: " + e);
                            } else if (r.statusCode() != 200 || !r.body().contains("ok")
                                    || (stream && !r.body().contains("[DONE]"))) {
                                outcome.complete(r.statusCode() + " " + r.body());
                            } else {
                                answered.add(r.headers().firstValue("x-request-id").orElseThrow());
                                outcome.complete(null);
                            }
                        }), i * intervalNanos, TimeUnit.NANOSECONDS);
            }
            for (CompletableFuture<String> c : calls) {
                String failure = c.get(s.spanMs() + 60_000, TimeUnit.MILLISECONDS);
                if (failure != null) {
                    failures.add(failure);
                }
            }
            scrape = HTTP.send(HttpRequest.newBuilder(URI.create(sluice.baseUrl() + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } finally {
            pacer.shutdownNow();
        }
        // the server is stopped: its ledger writer drained every row into PostgreSQL (or it lost some)
        try (Connection c = DriverManager.getConnection(PG)) {
            double opened = metric(scrape, "sluice_breaker_opened_total", "deployment=\"west\"");
            double westFailed = metric(scrape, "sluice_attempts_total", "deployment=\"west\"",
                    "outcome=\"upstream_unavailable\"");
            long rows = count(c, "SELECT count(*) FROM " + schema + ".ledger WHERE request_id = any(?)", answered);
            long itemised = count(c, "SELECT count(*) FROM " + schema + ".ledger WHERE request_id = any(?) AND "
                    + "attempts > 1 AND jsonb_array_length(attempt_log) = attempts", answered);
            long retried = count(c, "SELECT count(*) FROM " + schema + ".ledger WHERE request_id = any(?) AND "
                    + "attempts > 1", answered);
            long westAfter = count(c, "SELECT count(*) FROM " + schema + ".ledger WHERE request_id = any(?) AND "
                    + "deployment = 'west' AND started_at > to_timestamp(" + (started + s.leadMs() + s.outageMs()
                    + s.openMs()) / 1000.0 + ")", answered);
            System.out.printf("drill: outage %d ms, %d calls over %d ms: %d failed; west: %d failed attempts, breaker "
                    + "opened %.0f times, state %.0f at the end, %d calls after the outage; ledger: %d rows, %d retried "
                    + "(%d with every attempt)%n", s.outageMs(), s.calls(), s.spanMs(), failures.size(),
                    (long) westFailed, opened, metric(scrape, "sluice_breaker_state", "deployment=\"west\""),
                    westAfter, rows, retried, itemised);

            assertThat(failures).as("calls that failed while two deployments were healthy").isEmpty();
            assertThat(answered).hasSize(s.calls());
            assertThat(rows).as("ledger rows of the answered calls").isEqualTo(s.calls());
            assertThat(retried).as("calls that met the outage and were retried").isPositive();
            assertThat(itemised).as("retried calls with every attempt in the ledger").isEqualTo(retried);
            assertThat(opened).as("west's breaker opened, and reopened only after each cool-down")
                    .isBetween(1.0, (double) s.outageMs() / s.openMs() + 2);
            assertThat(westFailed).as("failed attempts on west: shed while its breaker was open")
                    .isLessThan(3 + opened + 30);
            assertThat(metric(scrape, "sluice_breaker_state", "deployment=\"west\"")).as("closed at the end")
                    .isZero();
            assertThat(westAfter).as("calls west served once it was back").isPositive();
        } finally {
            try (Connection c = DriverManager.getConnection(PG); Statement st = c.createStatement()) {
                st.execute("drop schema if exists " + schema + " cascade");
            }
        }
    }

    private static long count(Connection c, String sql, Set<String> ids) throws Exception {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(1, c.createArrayOf("text", ids.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
