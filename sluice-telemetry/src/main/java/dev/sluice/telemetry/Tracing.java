package dev.sluice.telemetry;

import com.fasterxml.jackson.databind.JsonNode;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporterBuilder;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The OpenTelemetry tracing of one running Sluice: an SDK tracer provider with a batch span processor exporting over
 * OTLP HTTP/protobuf (JDK HTTP client), a parent-based trace-id-ratio sampler, and the {@link TracingListener} to
 * register with the gateway. Built only when an endpoint is configured, so with tracing off nothing is created and
 * calls pay nothing. Export runs on the processor's own thread, off the request path; export failures are logged by
 * the SDK and never reach callers. The owner closes it at shutdown: {@link #close()} flushes what is queued.
 */
public final class Tracing implements AutoCloseable {

    private static final AttributeKey<String> SERVICE_NAME = AttributeKey.stringKey("service.name");
    private static final String SCOPE = "dev.sluice.telemetry";

    private final OtlpConfig config;
    private final SdkTracerProvider provider;
    private final TracingListener listener;
    private final AtomicBoolean closed = new AtomicBoolean();

    private Tracing(OtlpConfig config, SdkTracerProvider provider) {
        this.config = config;
        this.provider = provider;
        this.listener = new TracingListener(provider.get(SCOPE));
    }

    /**
     * Tracing from the {@code telemetry} config section, or empty when {@code telemetry.otlp.endpoint} is not set.
     *
     * @param telemetry the {@code telemetry} node (null or missing: empty)
     * @throws dev.sluice.spi.ConfigException when the section is invalid
     */
    public static Optional<Tracing> fromConfig(JsonNode telemetry) {
        return check(telemetry).map(Tracing::start);
    }

    /**
     * Reads and checks the {@code telemetry} section without starting anything.
     *
     * @return the exporter's settings, or empty when tracing is off
     * @throws dev.sluice.spi.ConfigException when the section is invalid
     */
    public static Optional<OtlpConfig> check(JsonNode telemetry) {
        Section s = dev.sluice.spi.ConfigBinder.bind(telemetry, Section.class, "telemetry");
        return s == null ? Optional.empty() : OtlpConfig.from(s.otlp());
    }

    /** The {@code telemetry} section as written: only {@code otlp} so far. */
    record Section(JsonNode otlp) { }

    /** Starts the SDK for {@code config}. */
    public static Tracing start(OtlpConfig config) {
        OtlpHttpSpanExporterBuilder exporter = OtlpHttpSpanExporter.builder()
                .setEndpoint(config.tracesEndpoint().toString());
        config.headers().forEach(exporter::addHeader);
        Resource resource = Resource.getDefault()
                .merge(Resource.create(Attributes.of(SERVICE_NAME, config.serviceName())));
        SdkTracerProvider provider = SdkTracerProvider.builder()
                .setResource(resource)
                .setSampler(Sampler.parentBased(Sampler.traceIdRatioBased(config.samplingRatio())))
                .addSpanProcessor(BatchSpanProcessor.builder(exporter.build()).build())
                .build();
        return new Tracing(config, provider);
    }

    /** The listener to register with the gateway. */
    public TracingListener listener() {
        return listener;
    }

    /** A tracer of the same provider, for other spans of Sluice (guardrails, cache, ...). */
    public Tracer tracer(String scope) {
        return provider.get(scope);
    }

    public OtlpConfig config() {
        return config;
    }

    /** Exports every span ended so far, waiting up to {@code timeoutMillis}; true when all were exported. */
    public boolean flush(long timeoutMillis) {
        return provider.forceFlush().join(timeoutMillis, TimeUnit.MILLISECONDS).isSuccess();
    }

    /** Flushes queued spans (up to 10 seconds) and stops the SDK. Idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            CompletableResultCode done = provider.shutdown();
            done.join(10, TimeUnit.SECONDS);
        }
    }
}
