package dev.sluice.telemetry;

import dev.sluice.api.event.AttemptRecord;
import dev.sluice.api.event.CallRecord;
import dev.sluice.api.event.GatewayListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts calls into a Prometheus registry: the OpenTelemetry GenAI client metrics in Prometheus naming
 * ({@code gen_ai_client_token_usage}, {@code gen_ai_client_operation_duration_seconds},
 * {@code gen_ai_client_operation_time_to_first_chunk_seconds},
 * {@code gen_ai_client_operation_time_per_output_chunk_seconds}) and the gateway's own
 * ({@code sluice_requests_total}, {@code sluice_attempts_total} by deployment and outcome,
 * {@code sluice_attempt_duration_seconds} by deployment, {@code sluice_upstream_errors_total},
 * {@code sluice_gateway_overhead_seconds}, and the ledger gauges).
 *
 * <p>Recording is cheap and thread-safe: meters are cached per label set in a map keyed by a record, so the request
 * thread does one map lookup and a few atomic updates per meter. The GenAI metrics are recorded only for calls that
 * reached a provider (they describe the client call to it); {@code sluice_requests_total} counts every call. Each
 * family keeps at most {@value #SERIES_LIMIT} label sets; beyond that, model and deployment labels read
 * {@code _OTHER}. Never throws: a failure to record is logged and dropped.
 *
 * <p>Time per output chunk: the gateway reports no per-chunk timings, so for a streamed call one sample is recorded,
 * the generation time after the first chunk divided by the output tokens after the first.
 */
public final class MetricsListener implements GatewayListener {

    private static final Logger LOG = LoggerFactory.getLogger(MetricsListener.class);
    static final int SERIES_LIMIT = 2_000;

    private record RequestKey(String api, String model, String status, String errorType) { }

    private record AttemptKey(String provider, String deployment, String outcome) { }

    private record UpstreamErrorKey(String provider, String errorType) { }

    private record GuardrailKey(String guardrail, String source, String policy, String type, String action) { }

    private final PrometheusMeterRegistry registry;
    private final MeterCache<GenAiMeters.Key, GenAiMeters> genAi;
    private final MeterCache<RequestKey, Counter> requests;
    private final MeterCache<AttemptKey, Counter> attempts;
    private final MeterCache<String, Timer> attemptDurations;
    private final MeterCache<UpstreamErrorKey, Counter> upstreamErrors;
    private final MeterCache<GuardrailKey, Counter> guardrailFindings;
    private final MeterCache<String, Counter> guardrailActions;
    private final Timer guardrailLatency;
    private final Timer gatewayOverhead;
    /** Keeps the ledger's suppliers strongly reachable: Micrometer holds function meters' objects weakly. */
    private final List<LongSupplier> gaugeSources = new CopyOnWriteArrayList<>();

    /** A listener on a new registry with Prometheus defaults. */
    public MetricsListener() {
        this(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    }

    /** A listener recording into {@code registry}; the caller may register other meters into it too. */
    public MetricsListener(PrometheusMeterRegistry registry) {
        this.registry = registry;
        this.genAi = new MeterCache<>(SERIES_LIMIT, key -> new GenAiMeters(registry, key), GenAiMeters.Key::overflow);
        this.requests = new MeterCache<>(SERIES_LIMIT, this::requestCounter,
                k -> new RequestKey(k.api(), GenAiConventions.OTHER, k.status(), k.errorType()));
        this.attempts = new MeterCache<>(SERIES_LIMIT, this::attemptCounter,
                k -> new AttemptKey(k.provider(), GenAiConventions.OTHER, k.outcome()));
        this.upstreamErrors = new MeterCache<>(SERIES_LIMIT, this::upstreamErrorCounter, k -> k);
        this.attemptDurations = new MeterCache<>(SERIES_LIMIT, deployment -> Timer.builder("sluice.attempt.duration")
                .description("Upstream attempts' time by deployment, from sending to their end, failures included.")
                .tags("deployment", deployment)
                .serviceLevelObjectives(GenAiMeters.durations(GenAiConventions.durationBuckets()))
                .register(registry), k -> GenAiConventions.OTHER);
        this.guardrailFindings = new MeterCache<>(SERIES_LIMIT, this::guardrailFindingCounter,
                k -> new GuardrailKey(GenAiConventions.OTHER, k.source(), k.policy(), GenAiConventions.OTHER,
                        k.action()));
        this.guardrailActions = new MeterCache<>(SERIES_LIMIT, action -> Counter.builder("sluice.guardrail.calls")
                .description("Calls a guardrail applied to, by its strongest action (NONE, ANONYMIZED, BLOCKED).")
                .tags("action", action).register(registry), k -> k);
        this.guardrailLatency = Timer.builder("sluice.guardrail.duration")
                .description("Time a call's guardrail checks took, summed over the call.")
                .serviceLevelObjectives(GenAiMeters.durations(GenAiConventions.overheadBuckets()))
                .register(registry);
        this.gatewayOverhead = Timer.builder("sluice.gateway.overhead")
                .description("Time spent in Sluice itself per call, excluding the upstream's time.")
                .serviceLevelObjectives(GenAiMeters.durations(GenAiConventions.overheadBuckets()))
                .register(registry);
    }

    /** The registry, for the HTTP layer or for more meters. */
    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** The Prometheus text exposition of every meter in the registry. */
    public String scrape() {
        return registry.scrape();
    }

    /**
     * Exposes each deployment's circuit breaker: {@code sluice_breaker_state{deployment}} (0 closed, 1 half-open, 2
     * open) and {@code sluice_breaker_opened_total{deployment}}. The suppliers are read at scrape time, on the
     * scraping thread; they must be cheap and thread-safe. Call once.
     *
     * @param breakers by deployment name: its state's number and how many times it opened
     */
    public void registerBreakerGauges(java.util.Map<String, LongSupplier[]> breakers) {
        breakers.forEach((deployment, sources) -> {
            gaugeSources.addAll(List.of(sources));
            Gauge.builder("sluice.breaker.state", sources[0], s -> s.getAsLong())
                    .description("Circuit breaker of a deployment: 0 closed, 1 half-open, 2 open.")
                    .tags("deployment", GenAiConventions.label(deployment)).strongReference(true).register(registry);
            FunctionCounter.builder("sluice.breaker.opened", sources[1], s -> s.getAsLong())
                    .description("Times a deployment's circuit breaker opened.")
                    .tags("deployment", GenAiConventions.label(deployment)).register(registry);
        });
    }

    /**
     * Exposes the ledger's state: {@code sluice_ledger_queue_depth} and {@code sluice_ledger_journal_bytes} (gauges)
     * and {@code sluice_ledger_rows_replayed_total} (a counter read from a monotonic supplier). The suppliers are
     * called at scrape time, on the scraping thread; they must be cheap and thread-safe. Call once.
     */
    public void registerLedgerGauges(LongSupplier queueDepth, LongSupplier journalBytes, LongSupplier rowsReplayed) {
        gaugeSources.addAll(List.of(queueDepth, journalBytes, rowsReplayed));
        Gauge.builder("sluice.ledger.queue.depth", queueDepth, s -> s.getAsLong())
                .description("Ledger rows waiting to be written.").strongReference(true).register(registry);
        Gauge.builder("sluice.ledger.journal.bytes", journalBytes, s -> s.getAsLong())
                .description("Size of the ledger's local journal of rows not yet in the database.")
                .strongReference(true).register(registry);
        FunctionCounter.builder("sluice.ledger.rows.replayed", rowsReplayed, s -> s.getAsLong())
                .description("Ledger rows replayed from the journal into the database.").register(registry);
    }

    /** Cluster mode: whether Redis is counted on ({@code sluice.cluster.redis.up}) and the live nodes. */
    public void registerClusterGauges(LongSupplier redisUp, LongSupplier liveNodes) {
        gaugeSources.addAll(List.of(redisUp, liveNodes));
        Gauge.builder("sluice.cluster.redis.up", redisUp, s -> s.getAsLong())
                .description("1 while limits and budgets are counted in Redis; 0 while each node counts its share.")
                .strongReference(true).register(registry);
        Gauge.builder("sluice.cluster.nodes", liveNodes, s -> s.getAsLong())
                .description("Nodes that share this node's Redis, as last seen (limits are divided by it while Redis "
                        + "is down).").strongReference(true).register(registry);
    }

    /**
     * Exposes the response cache's counters: {@code sluice_cache_hits_total{kind="exact"|"semantic"}},
     * {@code sluice_cache_misses_total} and {@code sluice_cache_stores_total}, read from monotonic suppliers at scrape
     * time (cheap and thread-safe). Call once.
     */
    public void registerCacheCounters(LongSupplier exactHits, LongSupplier semanticHits, LongSupplier misses,
                                      LongSupplier stores) {
        gaugeSources.addAll(List.of(exactHits, semanticHits, misses, stores));
        FunctionCounter.builder("sluice.cache.hits", exactHits, s -> s.getAsLong())
                .description("Calls answered from the response cache.").tags("kind", "exact").register(registry);
        FunctionCounter.builder("sluice.cache.hits", semanticHits, s -> s.getAsLong())
                .description("Calls answered from the response cache.").tags("kind", "semantic").register(registry);
        FunctionCounter.builder("sluice.cache.misses", misses, s -> s.getAsLong())
                .description("Calls of cached models and routes that went upstream.").register(registry);
        FunctionCounter.builder("sluice.cache.stores", stores, s -> s.getAsLong())
                .description("Answers stored in the response cache.").register(registry);
    }

    /** Counts a budget that reached {@code percent} of its limit ({@code sluice.budget.alerts}). */
    public void budgetAlert(String scopeKind, int percent) {
        Counter.builder("sluice.budget.alerts").description("Budgets that reached 50, 80 or 100% of their limit.")
                .tags("scope", scopeKind, "percent", Integer.toString(percent)).register(registry).increment();
    }

    @Override
    public void onAttemptEnd(AttemptRecord attempt) {
        try {
            String provider = GenAiConventions.label(attempt.providerId());
            String outcome = attempt.errorType() == null ? "success" : GenAiConventions.errorType(attempt.errorType());
            String deployment = GenAiConventions.label(attempt.deployment());
            attempts.get(new AttemptKey(provider, deployment, outcome)).increment();
            if (attempt.durationNanos() >= 0) {
                attemptDurations.get(deployment).record(attempt.durationNanos(), TimeUnit.NANOSECONDS);
            }
            if (attempt.errorType() != null) {
                upstreamErrors.get(new UpstreamErrorKey(provider, outcome)).increment();
            }
        } catch (RuntimeException e) {
            LOG.warn("could not record attempt metrics for request {}: {}", attempt.requestId(), e.toString());
        }
    }

    @Override
    public void onCallEnd(CallRecord call) {
        try {
            var request = call.request();
            var outcome = call.outcome();
            requests.get(new RequestKey(GenAiConventions.label(request.inboundApi()),
                    GenAiConventions.label(request.model()), statusText(outcome.status()),
                    GenAiConventions.errorType(outcome.errorType()))).increment();
            if (call.timing().gatewayNanos() >= 0) {
                gatewayOverhead.record(call.timing().gatewayNanos(), TimeUnit.NANOSECONDS);
            }
            if (call.routing().providerType() != null) {
                recordGenAi(call);
            }
            if (call.guardrail() != null) {
                recordGuardrail(call.guardrail());
            }
        } catch (RuntimeException e) {
            LOG.warn("could not record call metrics for request {}: {}", call.identity().requestId(), e.toString());
        }
    }

    /**
     * A call's guardrail: its action, its latency, and every finding by guardrail, source, policy, type and action
     * ({@code sluice_guardrail_findings_total}; the interventions are those whose action is not NONE).
     */
    private void recordGuardrail(dev.sluice.api.event.GuardrailVerdict g) {
        guardrailActions.get(g.action()).increment();
        guardrailLatency.record(g.latencyNanos(), TimeUnit.NANOSECONDS);
        for (var f : g.findings()) {
            guardrailFindings.get(new GuardrailKey(g.id(), f.source(), f.policy(), f.type(), f.action()))
                    .increment(f.count());
        }
    }

    private Counter guardrailFindingCounter(GuardrailKey k) {
        return Counter.builder("sluice.guardrail.findings")
                .description("Guardrail findings by guardrail, source (INPUT, OUTPUT), policy, type and action "
                        + "(BLOCKED and ANONYMIZED are interventions; NONE only reported).")
                .tags("guardrail", k.guardrail(), "source", k.source(), "policy", k.policy(), "type", k.type(),
                        "action", k.action())
                .register(registry);
    }

    private void recordGenAi(CallRecord call) {
        var request = call.request();
        var routing = call.routing();
        var usage = call.outcome().usage();
        var timing = call.timing();
        String requestModel = GenAiConventions.label(request.model());
        String responseModel = routing.upstreamModel() == null ? requestModel : routing.upstreamModel();
        GenAiMeters meters = genAi.get(new GenAiMeters.Key(GenAiConventions.label(request.operation()),
                GenAiConventions.providerName(routing.providerType()), requestModel, responseModel));
        if (timing.latencyNanos() >= 0) {
            meters.duration.record(timing.latencyNanos(), TimeUnit.NANOSECONDS);
        }
        if (usage.totalTokens() > 0) {
            meters.inputTokens.record(usage.inputTokens());
            meters.outputTokens.record(usage.outputTokens());
        }
        if (request.stream() && timing.ttftNanos() >= 0) {
            meters.timeToFirstChunk().record(timing.ttftNanos(), TimeUnit.NANOSECONDS);
            long laterChunks = usage.outputTokens() - 1;
            long generationNanos = timing.latencyNanos() - timing.ttftNanos();
            if (laterChunks > 0 && generationNanos > 0) {
                meters.timePerOutputChunk().record(generationNanos / laterChunks, TimeUnit.NANOSECONDS);
            }
        }
    }

    /** HTTP statuses as tag values, made once: turning the status into text was a tenth of this listener's time. */
    private static final String[] STATUS_TEXT = new String[600];

    static {
        for (int i = 0; i < STATUS_TEXT.length; i++) {
            STATUS_TEXT[i] = Integer.toString(i);
        }
    }

    private static String statusText(int status) {
        return status >= 0 && status < STATUS_TEXT.length ? STATUS_TEXT[status] : Integer.toString(status);
    }

    private Counter requestCounter(RequestKey k) {
        return Counter.builder("sluice.requests").description("Calls by inbound API, model, status and error type.")
                .tags("api", k.api(), "model", k.model(), "status", k.status(), "error_type", k.errorType())
                .register(registry);
    }

    private Counter attemptCounter(AttemptKey k) {
        return Counter.builder("sluice.attempts").description("Upstream attempts by provider, deployment and outcome.")
                .tags("provider", k.provider(), "deployment", k.deployment(), "outcome", k.outcome())
                .register(registry);
    }

    private Counter upstreamErrorCounter(UpstreamErrorKey k) {
        return Counter.builder("sluice.upstream.errors").description("Failed upstream attempts by error type.")
                .tags("provider", k.provider(), "error_type", k.errorType())
                .register(registry);
    }
}
