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
 * ({@code sluice.budget.alerts}) and the log. The event loop only hands the alert over: one thread writes the audit
 * rows from a bounded queue (an alert that finds it full is logged and dropped). Closed before the database.
 */
final class BudgetAlertLog implements BudgetAlerts, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BudgetAlertLog.class);

    private final AuditLog audit;
    private final MetricsListener metrics;
    private final ThreadPoolExecutor writer = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(1000), Thread.ofPlatform().name("sluice-budget-alerts").daemon().factory());

    BudgetAlertLog(AuditLog audit, MetricsListener metrics) {
        this.audit = audit;
        this.metrics = metrics;
    }

    @Override
    public void crossed(Budget budget, int percent, long spentMicros, Instant periodStart) {
        String kind = budget.scope().substring(0, Math.max(0, budget.scope().indexOf(':')));
        metrics.budgetAlert(kind, percent);
        BigDecimal spent = BigDecimal.valueOf(spentMicros, 6).stripTrailingZeros();
        BigDecimal limit = BigDecimal.valueOf(budget.limitMicros(), 6).stripTrailingZeros();
        LOG.warn("budget of {} reached {}% ({} of {} USD per {})", budget.scope(), percent, spent.toPlainString(),
                limit.toPlainString(), budget.period());
        try {
            writer.execute(() -> audit.append("system", "budget.alert", budget.scope(), null, Json.object()
                    .put("percent", percent).put("spent_usd", spent).put("limit_usd", limit)
                    .put("period", budget.period()).put("period_start", periodStart.toString())));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            LOG.warn("budget alert for {} not audited: too many alerts at once", budget.scope());
        }
    }

    @Override
    public void close() throws InterruptedException {
        writer.shutdown();
        writer.awaitTermination(5, TimeUnit.SECONDS);
    }
}
