package dev.sluice.store.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.error.ErrorType;
import dev.sluice.api.event.CallRecord;
import dev.sluice.api.json.Json;
import dev.sluice.store.BothDatabases;
import dev.sluice.store.BothModes;
import dev.sluice.store.Calls;
import dev.sluice.store.Storage;
import dev.sluice.store.cost.PriceCatalog;
import dev.sluice.store.feedback.FeedbackInput;
import dev.sluice.store.feedback.FeedbackStore;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

class LedgerQueriesTest extends BothDatabases {

    /** Seven calls of one key: five fast mini calls, two slow gpt-4o calls of which one failed. */
    private List<CallRecord> seed(Storage storage, String key) {
        Instant base = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        List<CallRecord> calls = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            calls.add(Calls.simple(key, "gpt-4o-mini", base.minusMillis(i), 100L * i, 10L * i, null));
        }
        calls.add(Calls.simple(key, "gpt-4o", base.minusMillis(6), 1000, 400, null));
        calls.add(Calls.simple(key, "gpt-4o", base.minusMillis(7), 3000, -1, ErrorType.RATE_LIMITED));
        try (LedgerWriter writer = LedgerWriter.start(storage.dataSource(), tmp.resolve("j-" + UUID.randomUUID()),
                PriceCatalog.builtIn(), LedgerSettings.DEFAULTS, Clock.systemUTC())) {
            calls.forEach(writer::onCallEnd);
        }
        return calls;
    }

    @BothModes
    void usageGroupsByModelWithTokensExactCostPercentilesErrorRateAndFeedback(Storage storage) {
        String key = "usage-" + UUID.randomUUID();
        List<CallRecord> calls = seed(storage, key);
        FeedbackStore feedback = new FeedbackStore(storage.dataSource());
        feedback.record(new FeedbackInput(calls.get(5).identity().requestId(), BigDecimal.ONE, null, null, null), key);
        feedback.record(new FeedbackInput(calls.get(5).identity().requestId(), BigDecimal.ZERO, "wrong", null, null),
                key);

        List<UsageRow> rows = new LedgerQueries(storage.dataSource()).usage(GroupBy.MODEL,
                LedgerFilter.ALL.withKey(key));

        assertThat(rows).extracting(UsageRow::group).containsExactly("gpt-4o", "gpt-4o-mini");
        UsageRow big = rows.get(0);
        assertThat(big.requests()).isEqualTo(2);
        assertThat(big.inputTokens()).isEqualTo(200);
        assertThat(big.outputTokens()).isEqualTo(40);
        assertThat(big.costUsd()).isEqualByComparingTo("0.0009");
        assertThat(big.p50LatencyMs()).isEqualTo(2000.0);
        assertThat(big.p95LatencyMs()).isEqualTo(2900.0);
        assertThat(big.p50TtftMs()).isEqualTo(400.0);
        assertThat(big.errorRate()).isEqualTo(0.5);
        assertThat(big.feedbackCount()).isEqualTo(2);
        assertThat(big.meanScore()).isEqualByComparingTo("0.5");
        UsageRow mini = rows.get(1);
        assertThat(mini.requests()).isEqualTo(5);
        assertThat(mini.costUsd()).isEqualByComparingTo("0.000135");
        assertThat(mini.p50LatencyMs()).isEqualTo(300.0);
        assertThat(mini.p95LatencyMs()).isEqualTo(480.0);
        assertThat(mini.p95TtftMs()).isEqualTo(48.0);
        assertThat(mini.errorRate()).isZero();
        assertThat(mini.feedbackCount()).isZero();
        assertThat(mini.meanScore()).isNull();
    }

    @BothModes
    void usageGroupsByKeyTeamUseCaseAndDay(Storage storage) {
        String key = "groups-" + UUID.randomUUID();
        seed(storage, key);
        LedgerQueries queries = new LedgerQueries(storage.dataSource());
        LedgerFilter filter = LedgerFilter.ALL.withKey(key);
        assertThat(queries.usage(GroupBy.KEY, filter)).singleElement().satisfies(r -> {
            assertThat(r.group()).isEqualTo(key);
            assertThat(r.requests()).isEqualTo(7);
        });
        assertThat(queries.usage(GroupBy.TEAM, filter)).extracting(UsageRow::group).containsExactly("team-" + key);
        assertThat(queries.usage(GroupBy.USE_CASE, filter)).extracting(UsageRow::group).containsExactly("uc-" + key);
        assertThat(queries.usage(GroupBy.DAY, filter)).extracting(UsageRow::group)
                .containsExactly(java.time.LocalDate.now(ZoneOffset.UTC).toString());
    }

    @BothModes
    void requestsArePagedNewestFirstWithoutGapsOrRepeats(Storage storage) {
        String key = "paging-" + UUID.randomUUID();
        List<CallRecord> calls = seed(storage, key);
        LedgerQueries queries = new LedgerQueries(storage.dataSource());
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            LedgerPage page = queries.requests(LedgerFilter.ALL.withKey(key), 3, cursor);
            page.rows().forEach(row -> seen.add((String) row.get("request_id")));
            cursor = page.nextCursor();
            pages++;
        } while (cursor != null);
        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactlyElementsOf(calls.stream().map(c -> c.identity().requestId()).toList());
    }

    @BothModes
    void pagesReachBackAcrossMinutesDaysAndMonthsInOrder(Storage storage) {
        // The newest-first scan looks back a widening window; calls spread from seconds to months ago must all be
        // found, in order, whatever window they fall in, filtered by use case or by time alone.
        String useCase = "spread-" + UUID.randomUUID();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        List<Duration> ages = List.of(Duration.ofSeconds(5), Duration.ofSeconds(50), Duration.ofMinutes(3),
                Duration.ofMinutes(40), Duration.ofHours(5), Duration.ofDays(2), Duration.ofDays(9),
                Duration.ofDays(45), Duration.ofDays(400));
        List<CallRecord> calls = new ArrayList<>();
        for (Duration age : ages) {
            CallRecord c = Calls.simple(null, "gpt-4o-mini", now.minus(age), 10, 5, null);
            CallRecord.Request r = c.request();
            calls.add(new CallRecord(c.identity(), new CallRecord.Request(r.inboundApi(), r.operation(),
                    new dev.sluice.api.event.Caller(null, null, useCase, null), r.model(), r.stream(), r.user(),
                    r.tags()), c.routing(), c.outcome(), c.timing()));
        }
        try (LedgerWriter writer = LedgerWriter.start(storage.dataSource(), tmp.resolve("j-" + UUID.randomUUID()),
                PriceCatalog.builtIn(), LedgerSettings.DEFAULTS, Clock.systemUTC())) {
            calls.forEach(writer::onCallEnd);
        }
        LedgerQueries queries = new LedgerQueries(storage.dataSource());
        LedgerFilter byUseCase = new LedgerFilter(null, null, useCase, null, null, null, null, null);
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            LedgerPage page = queries.requests(byUseCase, 2, cursor);
            page.rows().forEach(row -> seen.add((String) row.get("request_id")));
            cursor = page.nextCursor();
        } while (cursor != null);
        assertThat(seen).containsExactlyElementsOf(calls.stream().map(c -> c.identity().requestId()).toList());

        // a time range alone, ending in the past: the window starts at its end, not at now
        LedgerFilter past = new LedgerFilter(null, null, useCase, null, null, null, now.minus(Duration.ofDays(50)),
                now.minus(Duration.ofHours(1)));
        assertThat(queries.requests(past, 10, null).rows()).extracting(r -> r.get("request_id"))
                .containsExactlyElementsOf(calls.subList(4, 8).stream().map(c -> c.identity().requestId()).toList());
    }

    @BothModes
    void requestsAreFilteredByModelStatusAndTime(Storage storage) {
        String key = "filter-" + UUID.randomUUID();
        List<CallRecord> calls = seed(storage, key);
        LedgerQueries queries = new LedgerQueries(storage.dataSource());
        assertThat(queries.requests(new LedgerFilter(key, null, null, "gpt-4o", "error", null, null, null), 10, null)
                .rows()).extracting(r -> r.get("request_id")).containsExactly(calls.get(6).identity().requestId());
        assertThat(queries.requests(new LedgerFilter(key, null, null, null, "429", "rate_limited", null, null), 10,
                null).rows()).hasSize(1);
        Instant from = calls.get(2).identity().startedAt();
        assertThat(queries.requests(new LedgerFilter(key, null, null, null, "success", null, from, null), 10, null)
                .rows()).hasSize(3);
    }

    @BothModes
    void oneRequestIsFoundByItsIdWithItsColumns(Storage storage) {
        String key = "one-" + UUID.randomUUID();
        CallRecord call = seed(storage, key).get(0);
        AdminResponse response = new AdminLedgerApi(new LedgerQueries(storage.dataSource()))
                .request(call.identity().requestId());
        assertThat(response.status()).isEqualTo(200);
        JsonNode row = parse(response.body());
        assertThat(row.get("request_id").asText()).isEqualTo(call.identity().requestId());
        assertThat(row.get("started_at").asText()).isEqualTo(call.identity().startedAt().toString());
        assertThat(row.get("cost_usd").decimalValue()).isEqualByComparingTo("0.000027");
        assertThat(row.get("tags").isObject()).isTrue();
    }

    @BothModes
    void requestsExportAsCsvAndJsonLinesStreamedThroughTheAdminApi(Storage storage) throws Exception {
        String key = "export-" + UUID.randomUUID();
        List<CallRecord> calls = seed(storage, key);
        AdminLedgerApi api = new AdminLedgerApi(new LedgerQueries(storage.dataSource()));

        AdminResponse csv = api.requests(Map.of("key", key, "format", "csv"));
        assertThat(csv.streamed()).isTrue();
        assertThat(csv.contentType()).startsWith("text/csv");
        List<String> lines = body(csv).lines().toList();
        assertThat(lines).hasSize(8);
        assertThat(lines.get(0)).startsWith("request_id,started_at,key_id,");
        assertThat(lines.get(1)).startsWith(calls.get(0).identity().requestId() + ",");

        AdminResponse jsonl = api.requests(Map.of("key", key, "format", "jsonl"));
        Set<String> ids = new HashSet<>();
        for (String line : body(jsonl).lines().toList()) {
            ids.add(Json.parse(line).get("request_id").asText());
        }
        assertThat(ids).containsExactlyInAnyOrderElementsOf(calls.stream().map(c -> c.identity().requestId()).toList());

        AdminResponse usageCsv = api.usage(Map.of("key", key, "group_by", "model", "format", "csv"));
        assertThat(body(usageCsv).lines().toList()).containsExactly(
                "model,requests,input_tokens,output_tokens,cost_usd,p50_latency_ms,p95_latency_ms,p50_ttft_ms,"
                        + "p95_ttft_ms,error_rate,feedback_count,mean_score",
                "gpt-4o,2,200,40,0.0009,2000.0,2900.0,400.0,400.0,0.5,0,",
                "gpt-4o-mini,5,500,100,0.000135,300.0,480.0,30.0,48.0,0.0,0,");
    }

    @BothModes
    void theAdminJsonPageCarriesDataAndTheNextCursor(Storage storage) {
        String key = "page-" + UUID.randomUUID();
        seed(storage, key);
        AdminLedgerApi api = new AdminLedgerApi(new LedgerQueries(storage.dataSource()));
        JsonNode first = parse(api.requests(Map.of("key", key, "limit", "5")).body());
        assertThat(first.get("data")).hasSize(5);
        JsonNode second = parse(api.requests(Map.of("key", key, "limit", "5",
                "cursor", first.get("next_cursor").asText())).body());
        assertThat(second.get("data")).hasSize(2);
        assertThat(second.get("next_cursor").isNull()).isTrue();
        JsonNode usage = parse(api.usage(Map.of("key", key, "group_by", "use_case")).body());
        assertThat(usage.get("data").get(0).get("use_case").asText()).isEqualTo("uc-" + key);
    }

    @BothModes
    void badQueryParametersAnswer400WithAMessageNamingTheParameter(Storage storage) {
        AdminLedgerApi api = new AdminLedgerApi(new LedgerQueries(storage.dataSource()));
        assertBadRequest(api.requests(Map.of("limit", "0")), "limit", "limit must be a whole number from 1 to 1000");
        assertBadRequest(api.requests(Map.of("from", "yesterday")), "from", "from must be an ISO-8601 instant");
        assertBadRequest(api.requests(Map.of("status", "meh")), "status", "status must be success, error");
        assertBadRequest(api.requests(Map.of("cursor", "!!!")), "cursor", "cursor is not one returned");
        assertBadRequest(api.requests(Map.of("colour", "red")), "colour", "unknown query parameter 'colour'");
        assertBadRequest(api.usage(Map.of("group_by", "planet")), "group_by", "group_by must be one of key, team");
        assertBadRequest(api.usage(Map.of("format", "xml")), "format", "format must be json, csv or jsonl");
        assertBadRequest(api.requests(Map.of("from", "2026-02-01", "to", "2026-01-01")), "from", "from must be before");
        AdminResponse missing = api.request("no-such-request");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(parse(missing.body()).at("/error/message").asText()).contains("no-such-request");
    }

    private static void assertBadRequest(AdminResponse response, String param, String message) {
        assertThat(response.status()).isEqualTo(400);
        JsonNode error = parse(response.body()).get("error");
        assertThat(error.get("type").asText()).isEqualTo("invalid_request_error");
        assertThat(error.get("message").asText()).startsWith(message);
        assertThat(error.get("param").asText()).isEqualTo(param);
    }

    private static String body(AdminResponse response) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        response.writeTo(out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static JsonNode parse(byte[] body) {
        try {
            return Json.parse(body);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
