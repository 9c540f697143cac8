package dev.sluice.app;

import dev.sluice.api.event.GatewayListener;
import dev.sluice.gateway.config.SluiceConfig;
import dev.sluice.gateway.engine.DefaultProviderContext;
import dev.sluice.gateway.engine.Gateway;
import dev.sluice.gateway.engine.Interceptors;
import dev.sluice.gateway.engine.Listeners;
import dev.sluice.gateway.engine.ProviderRegistry;
import dev.sluice.gateway.engine.WorkerPool;
import dev.sluice.server.Authenticator;
import dev.sluice.server.CallObserver;
import dev.sluice.server.InboundApis;
import dev.sluice.server.ServerOptions;
import dev.sluice.server.SluiceServer;
import dev.sluice.spi.ConfigException;
import dev.sluice.telemetry.MetricsListener;
import dev.sluice.telemetry.Tracing;
import dev.sluice.transport.EventLoops;
import dev.sluice.transport.ProviderExchange;
import dev.sluice.transport.UpstreamClient;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * All object wiring of a running Sluice, in one place, in start order, and the one owner of its life: {@link #close()}
 * stops everything in the reverse of the order things were registered, which reads, from the last registered:
 * <ol>
 *   <li>the server: stops accepting, answers 503 on open connections, lets the calls in flight finish (30 s);</li>
 *   <li>the access log: its last lines are written;</li>
 *   <li>the ledger and content capture: their queues drain into the database (or the journal);</li>
 *   <li>telemetry: the last spans are exported;</li>
 *   <li>storage: the connection pool, then the embedded PostgreSQL;</li>
 *   <li>the worker pool, the providers, the upstream client and, last, the event loops.</li>
 * </ol>
 * {@code sluice serve} calls it from its one JVM shutdown hook; nothing else registers one.
 */
public final class Wiring implements AutoCloseable {

    /** Blocking tasks (JDBC, models) that may run at once off the event loops. */
    private static final int WORKERS = 64;

    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final SluiceServer server;
    private final Gateway gateway;
    private final String storageDescription;
    private final java.util.function.LongSupplier ledgerBacklog;

    /**
     * Reads every section that a later step of the start reads, without starting anything, so that a fault in any
     * of them stops the start before a database, a port or a thread exists.
     *
     * @throws ConfigException naming the section's key
     */
    static void checkSections(SluiceConfig config, Path dataDir) {
        if (!Persistence.disabled(config)) {
            dev.sluice.store.StorageConfig.from(config.section("storage"), dataDir == null ? null : dataDir.toString(),
                    Path.of("").toAbsolutePath());
        }
        dev.sluice.store.ledger.LedgerSettings.from(config.section("ledger"));
        dev.sluice.store.content.ContentSettings.from(config.section("content_capture"));
        dev.sluice.store.audit.AuditKey.check(config.section("audit"));
        Tracing.check(config.section("telemetry"));
        AccessLog.Settings.from(config.section("log"));
        BudgetAlertLog.Settings.from(config.section("alerts"));
        dev.sluice.cluster.RedisSettings.from(config.section("redis"));
        GuardrailSettings.from(config.section(GuardrailSettings.WHERE));
        dev.sluice.gateway.cache.CacheSections.from(config);
    }

    /** The models' own rate limits ({@code models[].limits}), by deployment name. */
    private static java.util.Map<String, dev.sluice.api.access.Limits> deploymentLimits(SluiceConfig config) {
        java.util.Map<String, dev.sluice.api.access.Limits> out = new java.util.HashMap<>();
        config.models().forEach(m -> {
            if (m.limits() != null && !m.limits().none()) {
                out.put(m.name(), m.limits());
            }
        });
        return out;
    }

    /** Each breaker's state number and times opened, by deployment, for the metrics. */
    private static java.util.Map<String, java.util.function.LongSupplier[]> breakerSources(
            java.util.Map<String, dev.sluice.gateway.routing.CircuitBreaker> breakers) {
        java.util.Map<String, java.util.function.LongSupplier[]> out = new java.util.LinkedHashMap<>();
        breakers.forEach((name, b) -> out.put(name, new java.util.function.LongSupplier[] {
            () -> b.state().ordinal(), b::timesOpened}));
        return out;
    }

    /** Where limits and budgets are counted, and what {@code /health} says of it (null: nothing to say). */
    private record Counters(dev.sluice.api.access.LimitCounters limits, dev.sluice.api.access.BudgetCounters budgets,
                            java.util.function.Supplier<java.util.Map<String, Object>> health,
                            dev.sluice.cluster.RedisCluster cluster) { }

    /**
     * On this node, or, when {@code redis:} is set, shared by every node through Redis (cluster mode; the connection
     * is closed after the server, once the calls in flight have settled).
     */
    private Counters counters(SluiceConfig config, dev.sluice.api.access.Spend spend,
                              dev.sluice.api.access.BudgetAlerts alerts, WorkerPool workers, MetricsListener metrics) {
        dev.sluice.cluster.RedisSettings redis = dev.sluice.cluster.RedisSettings.from(config.section("redis"));
        if (redis == null) {
            return new Counters(new dev.sluice.gateway.engine.LocalLimits(),
                    new dev.sluice.gateway.engine.LocalBudgets(spend, alerts, workers), null, null);
        }
        dev.sluice.cluster.RedisCluster cluster = dev.sluice.cluster.RedisCluster.start(redis);
        closeables.add(cluster);
        metrics.registerClusterGauges(() -> cluster.up() ? 1 : 0, cluster::liveNodes);
        return new Counters(new dev.sluice.cluster.RedisLimits(cluster),
                new dev.sluice.cluster.RedisBudgets(cluster, spend, alerts, workers), cluster::health, cluster);
    }

    private Wiring(SluiceConfig config, DefaultProviderContext context, String masterKey, Path dataDir,
                   AccessLog.Settings log) {
        checkSections(config, dataDir);
        try {
            EventLoops loops = new EventLoops(0, config.server().busyPoll());
            closeables.add(loops);
            UpstreamClient upstream = new UpstreamClient(loops, UpstreamClient.Options.DEFAULT);
            closeables.add(upstream);
            ProviderRegistry providers = ProviderRegistry.build(config, context);
            closeables.add(providers);
            WorkerPool workers = new WorkerPool(WORKERS);
            closeables.add(workers);

            // model prices are read (and checked) whether or not there is storage to use them: a typo fails at start
            dev.sluice.store.cost.PriceCatalog prices = dev.sluice.store.cost.PriceCatalog.builtIn()
                    .withConfiguredModels(config.section("models"), "models");
            List<GatewayListener> listeners = new ArrayList<>();
            MetricsListener metrics = new MetricsListener();
            Persistence persistence = null;
            if (!Persistence.disabled(config)) {
                persistence = Persistence.open(config, dataDir, prices, config.server().sealingKey(masterKey));
                closeables.add(persistence);
                listeners.add(persistence.ledger());
                var w = persistence.ledgerWriter();
                metrics.registerLedgerGauges(w::queueDepth, w::journalBytes, w::rowsReplayed);
            }
            // virtual keys open calls only where there is storage to keep them; the master key always does
            dev.sluice.api.access.KeyDirectory keys = persistence == null ? dev.sluice.api.access.KeyDirectory.NONE
                    : persistence.keys();
            Authenticator auth = new Authenticator(masterKey, keys);
            var ledgerWriter = persistence == null ? null : persistence.ledgerWriter();
            ledgerBacklog = ledgerWriter == null ? () -> 0 : () -> ledgerWriter.queueDepth() + ledgerWriter.journalBytes();
            storageDescription = persistence == null ? "storage: off (ledger disabled by storage: none)"
                    : persistence.describe();
            listeners.add(metrics);
            Optional<Tracing> tracing = Tracing.fromConfig(config.section("telemetry"));
            tracing.ifPresent(t -> {
                closeables.add(t); // stopped after the writers drain, before the database stops
                listeners.add(t.listener());
            });
            if (persistence != null) {
                closeables.add(persistence::drainWriters);
            }
            AccessLog.Settings logSettings = log != null ? log : AccessLog.Settings.from(config.section("log"));
            if (Boolean.TRUE.equals(logSettings.access())) {
                AccessLog access = new AccessLog(System.out, logSettings.format());
                closeables.add(access); // closed right after the server: every call's line is out
                listeners.add(access);
            }

            dev.sluice.api.access.Spend spend = persistence == null ? dev.sluice.api.access.Spend.NONE
                    : new dev.sluice.store.access.LedgerSpend(persistence.dataSource());
            dev.sluice.api.access.BudgetAlerts alerts = dev.sluice.api.access.BudgetAlerts.NONE;
            if (persistence != null) {
                BudgetAlertLog alertLog = new BudgetAlertLog(persistence.audit(), metrics,
                        BudgetAlertLog.Settings.from(config.section("alerts")).webhook());
                persistence.closeFirst(alertLog); // its last rows are written before the database stops
                alerts = alertLog;
            }
            Counters counters = counters(config, spend, alerts, workers, metrics);
            PricedCalls costs = new PricedCalls(providers.models(), prices);
            dev.sluice.gateway.engine.Routing routing = dev.sluice.gateway.engine.Routing.of(providers.models(), costs,
                    dev.sluice.gateway.engine.RoutingSettings.DEFAULT, config.models());
            metrics.registerBreakerGauges(breakerSources(routing.breakers()));
            routing.onNewBreaker((name, b) -> metrics.registerBreakerGauges(breakerSources(java.util.Map.of(name, b))));
            String judgeToken = RandomTokens.hex("judge-", 24); // made once per start, never stored
            GuardrailCatalog guardrails = new GuardrailCatalog(GuardrailSettings.from(config.section(
                    GuardrailSettings.WHERE)), persistence == null ? null
                    : new dev.sluice.store.guardrails.GuardrailRepository(persistence.dataSource()),
                    judge(config, masterKey, judgeToken));
            var guard = GatewayGuardrails.interceptor(config, guardrails, keys, judgeToken);
            List<dev.sluice.gateway.engine.Interceptor> chain = Interceptors.withGuardrails(Interceptors.build(
                    providers.models(), keys, costs, counters.limits(), counters.budgets(), deploymentLimits(config),
                    routing), guard);
            var cacheSettings = dev.sluice.gateway.cache.CacheSections.from(config);
            var cache = GatewayCache.interceptor(cacheSettings, counters.cluster(), metrics, persistence != null);
            if (cache != null) {
                chain = Interceptors.withCache(chain, cache);
            }
            ManagedRoutes managedRoutes = null; // routes made through the admin API, followed on every node
            if (persistence != null) { // with their cache policies and guardrails
                managedRoutes = ManagedRoutes.start(config, routing, new dev.sluice.store.routes.RouteRepository(
                        persistence.dataSource()), java.time.Duration.ofMillis(500),
                        new RouteOptions(config, cacheSettings, cache, guard));
                persistence.closeFirst(managedRoutes);
            }
            gateway = new Gateway(providers.models(), chain,
                    new Listeners(listeners), new ProviderExchange(upstream), workers,
                    new dev.sluice.api.error.SecretScrubber(java.util.stream.Stream.concat(
                            dev.sluice.gateway.config.ConfiguredSecrets.of(config).stream(),
                            java.util.stream.Stream.of(masterKey, judgeToken)).filter(java.util.Objects::nonNull)
                            .toList()));
            PersistenceObserver observer = persistence == null ? null : persistence.observer();
            java.util.function.Consumer<dev.sluice.server.Routes> extraRoutes = routes(config, guardrails,
                    persistence, auth, workers, managedRoutes);
            server = SluiceServer.start(new ServerOptions(config.server().host(), config.server().port(),
                    config.server().maxBodyBytes(), loops, gateway, auth, metrics::scrape,
                    extraRoutes,
                    observer == null ? CallObserver.NONE : observer, config.server().tls(),
                    InboundApis.discover(), config.server().connections(),
                    observer == null ? null : observer::unready, counters.health()));
            closeables.add(server);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /**
     * The routes beyond the public APIs: guardrails (their control plane, read-only without storage, and
     * ApplyGuardrail), then the admin API over storage, or, without storage, a 404 that says why there is none.
     */
    private static java.util.function.Consumer<dev.sluice.server.Routes> routes(SluiceConfig config,
            GuardrailCatalog guardrails, Persistence persistence, Authenticator auth, WorkerPool workers,
            ManagedRoutes managedRoutes) {
        GuardrailRoutes control = new GuardrailRoutes(guardrails, persistence == null ? null : persistence.audit(),
                auth);
        ApplyGuardrailRoute apply = new ApplyGuardrailRoute(guardrails, auth, workers,
                config.server().maxBodyBytes());
        var admin = persistence == null ? null : persistence.routes(auth, guardrails);
        var routeAdmin = managedRoutes == null ? null : new RouteAdminRoutes(managedRoutes, persistence.audit(), auth,
                guardrails);
        return routes -> {
            control.register(routes);
            apply.register(routes);
            if (admin != null) {
                admin.accept(routes);
                routeAdmin.register(routes);
            } else {
                routes.absent("/admin/", SluiceServer.LEDGER_OFF).absent("/v1/feedback", SluiceServer.LEDGER_OFF);
            }
        };
    }

    /** Builds and starts everything; on failure, whatever was started is stopped again. */
    /**
     * The guardrails' judge: this server's own API over loopback, or none when the server speaks only TLS (the judge
     * would have to trust its certificate), logged once so that a judge model named in a guardrail is not silently
     * ignored.
     */
    private dev.sluice.guardrails.judge.Judge judge(SluiceConfig config, String masterKey, String token) {
        if (config.server().tls() != null) {
            org.slf4j.LoggerFactory.getLogger(Wiring.class).info("guardrail judge models are not asked while the "
                    + "server speaks TLS only; what the local classifiers detect stands");
            return dev.sluice.guardrails.judge.Judge.NONE;
        }
        return new GatewayJudge(this::port, masterKey, token);
    }

    public static Wiring start(SluiceConfig config, DefaultProviderContext context, String masterKey, Path dataDir) {
        return new Wiring(config, context, masterKey, dataDir, null);
    }

    /**
     * As {@link #start(SluiceConfig, DefaultProviderContext, String, Path)}, with the log settings resolved by the
     * caller (the command line over the config); the access log runs when {@code log.access()} is true.
     */
    static Wiring start(SluiceConfig config, DefaultProviderContext context, String masterKey, Path dataDir,
                        AccessLog.Settings log) {
        return new Wiring(config, context, masterKey, dataDir, log);
    }

    public int port() { return server.port(); }

    public Gateway gateway() { return gateway; }

    public String storageDescription() { return storageDescription; }

    /** Ledger records queued or journaled but not yet in the database (queue depth plus journal bytes); 0 = caught up. */
    public long ledgerBacklog() { return ledgerBacklog.getAsLong(); }

    @Override
    public void close() {
        for (int i = closeables.size() - 1; i >= 0; i--) {
            try {
                closeables.get(i).close();
            } catch (Exception e) {
                System.err.println("sluice: error while stopping " + closeables.get(i).getClass().getSimpleName()
                        + ": " + e.getMessage());
            }
        }
        closeables.clear();
    }
}
