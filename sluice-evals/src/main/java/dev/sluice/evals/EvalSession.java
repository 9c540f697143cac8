package dev.sluice.evals;

import dev.sluice.api.error.GatewayException;
import dev.sluice.evals.dataset.Dataset;
import dev.sluice.evals.dataset.DatasetLoader;
import dev.sluice.evals.gate.Gate;
import dev.sluice.evals.gate.GateVerdict;
import dev.sluice.evals.metric.ScorerRegistry;
import dev.sluice.evals.run.EvalRun;
import dev.sluice.evals.run.EvalRunner;
import dev.sluice.evals.run.HttpRunStore;
import dev.sluice.evals.run.LocalRunStore;
import dev.sluice.evals.run.OutputCache;
import dev.sluice.evals.run.Progress;
import dev.sluice.evals.run.RetryPolicy;
import dev.sluice.evals.run.RunFiles;
import dev.sluice.evals.run.RunManifest;
import dev.sluice.evals.run.RunPlan;
import dev.sluice.evals.run.RunStore;
import dev.sluice.evals.spi.JudgeClient;
import dev.sluice.evals.spi.Scorer;
import dev.sluice.evals.spi.ScorerContext;
import dev.sluice.evals.stats.RunSummary;
import dev.sluice.evals.stats.Summarizer;
import dev.sluice.evals.suite.GateRule;
import dev.sluice.evals.suite.MetricSpec;
import dev.sluice.evals.suite.Suite;
import dev.sluice.evals.suite.SuiteLoader;
import dev.sluice.evals.suite.TargetSpec;
import dev.sluice.evals.target.GatewayClient;
import dev.sluice.evals.target.HttpAppTarget;
import dev.sluice.evals.target.ModelTarget;
import dev.sluice.evals.target.Target;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One evaluation from suite file to verdict: load and validate, start the gateway if asked, run, summarise against the
 * baseline, check the gate, write the reports. Bad suites, datasets and options throw {@link GatewayException}
 * (INVALID_REQUEST) before any call is made.
 */
public final class EvalSession {

    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(120);
    private static final DateTimeFormatter RUN_ID = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
            .withZone(ZoneOffset.UTC);

    private final EvalHooks hooks;
    private final Clock clock;

    public EvalSession(EvalHooks hooks, Clock clock) {
        this.hooks = hooks;
        this.clock = clock;
    }

    /** The result of {@link #run}: what the reports show and the verdict that decides the exit code. */
    public record Outcome(RunSummary summary, GateVerdict verdict, List<String> infrastructureFailures) {

        /** True when calls failed for reasons outside the system under test: the verdict says nothing then. */
        public boolean infrastructureFailed() {
            return !infrastructureFailures.isEmpty();
        }
    }

    public Outcome run(RunRequest request) {
        Suite suite = new SuiteLoader().load(hooks.workDir().resolve(request.suite()));
        Dataset dataset = new DatasetLoader().load(suite.dataset());
        if (request.concurrency() != null) {
            suite = new Suite(suite.name(), suite.version(), suite.dataset(), suite.prompt(), suite.targets(),
                    suite.metrics(), suite.repeats(), request.concurrency(), suite.gate());
        }
        Path storeRoot = request.store() != null ? hooks.workDir().resolve(request.store()) : hooks.storeRoot();
        boolean needsGateway = suite.targets().stream().anyMatch(t -> t instanceof TargetSpec.Model)
                || suite.metrics().stream().anyMatch(m -> m.options().has("judge"));
        GatewayLauncher.RunningGateway started = null;
        String gateway = request.config() != null ? null : gatewayOr(request.gateway());
        String key = keyOr(request.key());
        if (request.config() != null) {
            if (hooks.launcher() == null) {
                throw GatewayException.invalid("--config needs a build of Sluice that can start in-process; use "
                        + "--gateway URL instead", "config");
            }
            started = hooks.launcher().start(hooks.workDir().resolve(request.config()));
            gateway = started.baseUrl();
            key = started.key();
        } else if (needsGateway && gateway == null) {
            throw GatewayException.invalid("the suite calls models through Sluice: give --gateway URL [--key KEY] "
                    + "or --config sluice.yaml", "gateway");
        }
        try {
            HttpClient http = http();
            RunStore store = openStore(request.store(), gateway, key, http);
            EvalRun baseline = request.baseline() == null ? null : resolveRun(store, request.baseline());
            GatewayClient client = gateway == null ? null : new GatewayClient(http, gateway, key, CALL_TIMEOUT);
            List<Target> targets = targets(suite, client, http, hooks.env());
            Map<String, Scorer> scorers = scorers(suite, client);
            String runId = runId(store, suite, request);
            EvalRunner runner = new EvalRunner(store, new OutputCache(storeRoot), RetryPolicy.standard(),
                    Progress.to(hooks.out(), hooks.interactive()), clock);
            EvalRun run = runner.run(new RunPlan(runId, suite, dataset, targets, scorers, gateway,
                    request.useCache()));
            RunSummary summary = summarizer(suite).summarize(run, baseline);
            GateVerdict verdict = new Gate().evaluate(suite.gate(), summary);
            Reports.write(request.reports(), summary, verdict, hooks.out());
            List<String> infra = runner.infrastructureFailures();
            if (!infra.isEmpty()) {
                hooks.err().printf("%neval: %d call(s) failed for reasons outside the system under test, so the gate's "
                        + "verdict above says nothing about quality (exit 2). The first:%n", infra.size());
                infra.stream().limit(3).forEach(f -> hooks.err().println("  " + f));
                hooks.err().println("Check --gateway (or SLUICE_URL), --key (or SLUICE_API_KEY, then SLUICE_MASTER_KEY) "
                        + "and that the gateway's config has the "
                        + "suite's models, then run again.");
            }
            return new Outcome(summary, verdict, infra);
        } finally {
            if (started != null) {
                started.close();
            }
        }
    }

    /** A run by id from the store, or a run folder / exported run file by path. */
    public EvalRun resolveRun(RunStore store, String ref) {
        Path path = hooks.workDir().resolve(ref);
        if (Files.exists(path)) {
            return new RunFiles().read(path);
        }
        return store.run(ref).orElseThrow(() -> GatewayException.invalid("no run '" + ref + "' in the store and no "
                + "such file", "baseline"));
    }

    static Summarizer summarizer(Suite suite) {
        Summarizer standard = Summarizer.standard();
        return suite.gate().stream().filter(r -> r instanceof GateRule.NoRegression)
                .map(r -> (GateRule.NoRegression) r).findFirst()
                .map(r -> new Summarizer(standard.seed(), r.minEffect(), r.alpha())).orElse(standard);
    }

    private static List<Target> targets(Suite suite, GatewayClient client, HttpClient http,
                                        Map<String, String> env) {
        List<Target> out = new ArrayList<>();
        for (TargetSpec spec : suite.targets()) {
            out.add(switch (spec) {
                case TargetSpec.Model m -> new ModelTarget(m, client);
                case TargetSpec.Http h -> new HttpAppTarget(h, http, CALL_TIMEOUT, env);
            });
        }
        return out;
    }

    private Map<String, Scorer> scorers(Suite suite, GatewayClient client) {
        RetryPolicy retry = RetryPolicy.standard();
        JudgeClient judge = client == null ? null : (model, system, prompt) -> {
            try {
                return retry.call(() -> client.chat("judge " + model, model, system, prompt,
                        Map.of("temperature", 0), false)).text();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw GatewayException.of(dev.sluice.api.error.ErrorType.INTERNAL, "interrupted while judging");
            }
        };
        ScorerContext context = new ScorerContext(judge, hooks.embedder());
        ScorerRegistry registry = ScorerRegistry.standard();
        Map<String, Scorer> scorers = new LinkedHashMap<>();
        for (MetricSpec m : suite.metrics()) {
            scorers.put(m.name(), registry.create(m, context));
        }
        return scorers;
    }

    private String runId(RunStore store, Suite suite, RunRequest request) {
        if (request.runId() != null) {
            return request.runId();
        }
        if (request.resume()) {
            var unfinished = store.list().stream().filter(m -> m.suiteName().equals(suite.name())
                    && m.finishedAt() == null).findFirst();
            if (unfinished.isPresent()) {
                return unfinished.get().runId();
            }
        }
        byte[] random = new byte[3];
        ThreadLocalRandom.current().nextBytes(random);
        return RUN_ID.format(clock.instant()) + "-" + HexFormat.of().formatHex(random);
    }

    /** Lists runs of the store {@link #openStore} chooses. */
    public List<RunManifest> runs(Path store, String gateway, String key) {
        return openStore(store, gateway, key).list();
    }

    /** The gateway given, else {@code $SLUICE_URL}, else null. */
    String gatewayOr(String given) {
        String env = hooks.env().get("SLUICE_URL");
        return given != null ? given : env == null || env.isBlank() ? null : env;
    }

    /** The key given, else {@code $SLUICE_API_KEY}, else {@code $SLUICE_MASTER_KEY} (what `sluice serve` prints). */
    String keyOr(String given) {
        if (given != null) {
            return given;
        }
        String api = hooks.env().get("SLUICE_API_KEY");
        return api != null && !api.isBlank() ? api : hooks.env().get("SLUICE_MASTER_KEY");
    }

    /**
     * The run store: the folder {@code store} when given; else the server's storage when there is a gateway and it
     * keeps runs for {@code key} (its {@code GET /admin/eval/runs} answers 200); else the default folder. Says which
     * on one line when a gateway was in play, as a fallback to the folder would otherwise go unnoticed.
     */
    public RunStore openStore(Path store, String gateway, String key) {
        return openStore(store, gatewayOr(gateway), keyOr(key), http());
    }

    private RunStore openStore(Path store, String gateway, String key, HttpClient http) {
        if (store != null) {
            return new LocalRunStore(hooks.workDir().resolve(store));
        }
        if (gateway == null) {
            return new LocalRunStore(hooks.storeRoot());
        }
        HttpRunStore server = new HttpRunStore(http, gateway, key);
        if (server.available()) {
            hooks.out().println("Run store: Sluice storage at " + server.describe());
            return server;
        }
        hooks.out().println("Run store: local folder " + hooks.storeRoot() + " (the gateway at " + gateway
                + " keeps no runs: it has no storage, or the key is not its master key)");
        return new LocalRunStore(hooks.storeRoot());
    }

    private static HttpClient http() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10))
                .build();
    }
}
