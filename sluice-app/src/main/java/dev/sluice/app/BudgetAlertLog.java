package dev.sluice.app;

import dev.sluice.api.access.Budget;
import dev.sluice.api.access.BudgetAlerts;
import dev.sluice.api.json.Json;
import dev.sluice.store.audit.AuditLog;
import dev.sluice.telemetry.MetricsListener;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Budget alerts to the audit log ({@code budget.alert}, actor {@code system}), the metrics
 * ({@code sluice.budget.alerts}), the log and, when {@code alerts.webhook} is set, a JSON POST to it. The event loop
 * only hands the alert over: one thread writes the audit rows and sends the webhook (5 s at most, never retried; a
 * failure is logged) from a bounded queue (an alert that finds it full is logged and dropped). Closed before the
 * database.
 */
final class BudgetAlertLog implements BudgetAlerts, AutoCloseable {

    /** The {@code alerts} section: {@code {webhook: https://...}}. */
    record Settings(String webhook) {
        static Settings from(com.fasterxml.jackson.databind.JsonNode section) {
            Settings s = dev.sluice.spi.ConfigBinder.bind(section, Settings.class, "alerts");
            if (s == null || s.webhook() == null) {
                return new Settings(null);
            }
            java.net.URI uri;
            try {
                uri = new java.net.URI(s.webhook().strip());
            } catch (java.net.URISyntaxException e) {
                throw new dev.sluice.spi.ConfigException("alerts.webhook", "is not a URL: " + e.getReason());
            }
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new dev.sluice.spi.ConfigException("alerts.webhook", "must be an http or https URL with a host");
            }
            return new Settings(uri.toString());
        }
    }

    private static final java.net.http.HttpClient WEBHOOK = java.net.http.HttpClient.newBuilder()
            .connectTimeout(java.time.Duration.ofSeconds(5)).build();

    private static final Logger LOG = LoggerFactory.getLogger(BudgetAlertLog.class);

    private final AuditLog audit;
    private final MetricsListener metrics;
    private final java.net.URI webhook;
    private final ThreadPoolExecutor writer = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(1000), Thread.ofPlatform().name("sluice-budget-alerts").daemon().factory());

    /** @param webhook where each alert is POSTed as JSON, or null for none */
    BudgetAlertLog(AuditLog audit, MetricsListener metrics, String webhook) {
        this.audit = audit;
        this.metrics = metrics;
        this.webhook = webhook == null ? null : java.net.URI.create(webhook);
    }

    @Override
    public void crossed(Budget budget, int percent, long spentMicros, Instant periodStart) {
        String kind = budget.scope().substring(0, Math.max(0, budget.scope().indexOf(':')));
        metrics.budgetAlert(kind, percent);
        BigDecimal spent = BigDecimal.valueOf(spentMicros, 6).stripTrailingZeros();
        BigDecimal limit = BigDecimal.valueOf(budget.limitMicros(), 6).stripTrailingZeros();
        LOG.warn("budget of {} reached {}% ({} of {} USD per {})", budget.scope(), percent, spent.toPlainString(),
                limit.toPlainString(), budget.period());
        var alert = Json.object().put("percent", percent).put("spent_usd", spent).put("limit_usd", limit)
                .put("period", budget.period()).put("period_start", periodStart.toString());
        try {
            writer.execute(() -> {
                audit.append("system", "budget.alert", budget.scope(), null, alert);
                if (webhook != null) {
                    send(alert.deepCopy().put("event", "budget.alert").put("scope", budget.scope()));
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            LOG.warn("budget alert for {} not audited: too many alerts at once", budget.scope());
        }
    }

    private void send(com.fasterxml.jackson.databind.node.ObjectNode body) {
        try {
            var r = WEBHOOK.send(java.net.http.HttpRequest.newBuilder(webhook).timeout(java.time.Duration.ofSeconds(5))
                    .header("content-type", "application/json")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(Json.bytes(body))).build(),
                    java.net.http.HttpResponse.BodyHandlers.discarding());
            if (r.statusCode() / 100 != 2) {
                LOG.warn("budget alert webhook answered {}", r.statusCode());
            }
        } catch (java.io.IOException e) {
            LOG.warn("budget alert webhook failed: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws InterruptedException {
        writer.shutdown();
        writer.awaitTermination(5, TimeUnit.SECONDS);
    }
}
