package dev.sluice.evals.run;

import dev.sluice.api.error.GatewayException;
import dev.sluice.evals.dataset.EvalCase;
import dev.sluice.evals.spi.Score;
import dev.sluice.evals.spi.Scorer;
import dev.sluice.evals.spi.ScoringInput;
import dev.sluice.evals.suite.MetricSpec;
import dev.sluice.evals.suite.Template;
import dev.sluice.evals.target.Target;
import dev.sluice.evals.target.TargetOutput;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;

/**
 * Runs a plan: every case x target x repeat, at most {@code suite.concurrency()} at once on virtual threads, retrying
 * per {@link RetryPolicy}, appending each result to the {@link RunStore} as it finishes. Resuming a run id skips the
 * results already stored. A call that still fails after retries is recorded as a failed case, never dropped.
 * Blocks until the run is complete; thread-safe to reuse for several runs one after another.
 */
public final class EvalRunner {

    private final RunStore store;
    private final OutputCache cache;
    private final RetryPolicy retry;
    private final Progress progress;
    private final Clock clock;
    private final List<String> infrastructure = java.util.Collections.synchronizedList(new ArrayList<>());

    /**
     * Calls of the last run that failed for reasons outside the system under test (a wrong key, an unreachable or
     * failing gateway, a model it does not have), as "target: message", in the order they happened.
     */
    public List<String> infrastructureFailures() {
        synchronized (infrastructure) {
            return List.copyOf(infrastructure);
        }
    }

    /** Not a verdict on quality: the setup, the network or the provider failed (after retries). */
    private static boolean infrastructure(dev.sluice.api.error.ErrorType type) {
        return switch (type) {
            case AUTHENTICATION, PERMISSION_DENIED, NOT_FOUND, RATE_LIMITED, OVERLOADED, UPSTREAM_ERROR,
                 UPSTREAM_UNAVAILABLE, TIMEOUT, INTERNAL -> true;
            default -> false;
        };
    }

    public EvalRunner(RunStore store, OutputCache cache, RetryPolicy retry, Progress progress, Clock clock) {
        this.store = store;
        this.cache = cache;
        this.retry = retry;
        this.progress = progress;
        this.clock = clock;
    }

    public EvalRun run(RunPlan plan) {
        infrastructure.clear();
        store.manifest(plan.runId()).ifPresent(previous -> {
            if (!previous.suiteVersion().equals(plan.suite().version())
                    || !previous.datasetVersion().equals(plan.dataset().version())) {
                throw GatewayException.invalid("run '" + plan.runId() + "' was made with another version of the "
                        + "suite or dataset; resume only an unchanged suite, or use a new run id", "run");
            }
        });
        RunManifest manifest = manifest(plan);
        List<CaseResult> done = new ArrayList<>(store.manifest(plan.runId()).isPresent()
                ? store.results(plan.runId()) : List.of());
        store.save(manifest);
        Set<String> finished = new HashSet<>();
        done.forEach(r -> finished.add(r.key()));
        List<CaseResult> results = java.util.Collections.synchronizedList(done);
        progress.start(manifest.plannedResults(), finished.size());
        Semaphore permits = new Semaphore(plan.suite().concurrency());
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Target target : plan.targets()) {
                for (EvalCase c : plan.dataset().cases()) {
                    for (int r = 0; r < plan.suite().repeats(); r++) {
                        int repeat = r;
                        if (finished.contains(target.name() + "\u0000" + c.id() + "\u0000" + repeat)) {
                            continue;
                        }
                        pool.submit(() -> {
                            permits.acquireUninterruptibly();
                            try {
                                CaseResult result = runOne(plan, target, c, repeat);
                                store.append(plan.runId(), result);
                                results.add(result);
                                progress.advance(result);
                            } finally {
                                permits.release();
                            }
                        });
                    }
                }
            }
        }
        progress.finish();
        RunManifest closed = manifest.finished(clock.instant());
        store.save(closed);
        return new EvalRun(closed, List.copyOf(results));
    }

    private RunManifest manifest(RunPlan plan) {
        Map<String, Map<String, Object>> targets = new LinkedHashMap<>();
        plan.targets().forEach(t -> targets.put(t.name(), t.settings()));
        List<MetricInfo> metrics = new ArrayList<>();
        for (MetricSpec m : plan.suite().metrics()) {
            Scorer s = plan.scorers().get(m.name());
            metrics.add(new MetricInfo(m.name(), m.type(), m.threshold() != null ? m.threshold()
                    : s.defaultThreshold(), s.higherIsBetter()));
        }
        var started = store.manifest(plan.runId()).map(RunManifest::startedAt).orElse(clock.instant());
        return new RunManifest(plan.runId(), plan.suite().name(), plan.suite().version(), plan.dataset().source(),
                plan.dataset().version(), plan.gateway(), targets, metrics,
                plan.dataset().cases().size() * plan.targets().size() * plan.suite().repeats(), started, null);
    }

    private CaseResult runOne(RunPlan plan, Target target, EvalCase c, int repeat) {
        String prompt;
        try {
            prompt = plan.suite().prompt() != null ? Template.render(plan.suite().prompt(), c.vars()) : c.prompt();
            if (prompt == null) {
                return failed(plan, target, c, repeat, "", "case has no prompt: add a 'prompt' field or a suite prompt");
            }
        } catch (IllegalArgumentException e) {
            return failed(plan, target, c, repeat, "", e.getMessage());
        }
        // the gateway is part of the key: an answer cached from one gateway says nothing about another
        Map<String, Object> settings = new java.util.TreeMap<>(target.settings());
        settings.put("\u0000gateway", plan.gateway() == null ? "" : plan.gateway());
        String key = OutputCache.key(settings, prompt, repeat);
        TargetOutput output = plan.useCache() && cache != null ? cache.get(key).orElse(null) : null;
        boolean cached = output != null;
        if (!cached) {
            try {
                output = retry.call(() -> target.call(prompt, c));
            } catch (GatewayException e) {
                if (infrastructure(e.error().type())) {
                    infrastructure.add(target.name() + ": " + e.getMessage());
                }
                return failed(plan, target, c, repeat, prompt, e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return failed(plan, target, c, repeat, prompt, "interrupted");
            } catch (RuntimeException e) {
                return failed(plan, target, c, repeat, prompt, "target call failed: " + e);
            }
            if (plan.useCache() && cache != null) {
                cache.put(key, output);
            }
        }
        ScoringInput input = new ScoringInput(c, prompt, output);
        Map<String, Score> scores = new LinkedHashMap<>();
        plan.scorers().forEach((name, scorer) -> scores.put(name, safeScore(scorer, input)));
        return new CaseResult(c.id(), target.name(), repeat, c.category(), prompt, output.text(), null,
                output.latencyMs(), output.ttftMs(), output.inputTokens(), output.outputTokens(), output.costUsd(),
                cached, scores);
    }

    private static Score safeScore(Scorer scorer, ScoringInput input) {
        try {
            Score s = scorer.score(input);
            return s == null ? Score.failed("scorer returned nothing") : s;
        } catch (RuntimeException e) {
            return Score.failed("scorer failed: " + (e.getMessage() == null ? e.getClass().getSimpleName()
                    : e.getMessage()));
        }
    }

    private static CaseResult failed(RunPlan plan, Target target, EvalCase c, int repeat, String prompt, String why) {
        Map<String, Score> scores = new LinkedHashMap<>();
        plan.scorers().keySet().forEach(name -> scores.put(name, Score.failed("no output: " + why)));
        return new CaseResult(c.id(), target.name(), repeat, c.category(), prompt, null, why, 0, -1, 0, 0, 0, false,
                scores);
    }
}
