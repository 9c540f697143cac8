/**
 * Metrics and traces of gateway calls: {@link dev.sluice.telemetry.MetricsListener} counts calls into a Prometheus
 * registry, {@link dev.sluice.telemetry.TracingListener} turns them into OpenTelemetry spans, and
 * {@link dev.sluice.telemetry.Tracing} builds the OTLP export from the {@code telemetry.otlp} config section.
 * Both listeners follow the OpenTelemetry GenAI semantic conventions and never throw into the request path.
 */
package dev.sluice.telemetry;
