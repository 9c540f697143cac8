package dev.sluice.evals;

import dev.sluice.api.error.ErrorType;
import dev.sluice.api.error.GatewayException;
import dev.sluice.evals.gate.GateVerdict;
import dev.sluice.evals.report.HtmlReport;
import dev.sluice.evals.report.TextReport;
import dev.sluice.evals.run.EvalRun;
import dev.sluice.evals.run.RunManifest;
import dev.sluice.evals.run.RunStore;
import dev.sluice.evals.stats.RunSummary;
import dev.sluice.evals.stats.Summarizer;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code sluice eval}: run suites as a CI gate, list runs, compare two runs. Use as
 * {@code new CommandLine(new EvalCommand(hooks)).execute(args)}. Exit codes of {@code run}: 0 when every gate rule
 * holds, 1 when one fails, 2 on bad usage or configuration (picocli's own usage errors are 2 as well).
 */
@Command(name = "eval", mixinStandardHelpOptions = true, description = {"Evaluation suites and the CI quality gate.",
        "Environment: SLUICE_URL (the gateway, for --gateway/--url), SLUICE_API_KEY, else SLUICE_MASTER_KEY (for "
                + "--key). Runs are kept in Sluice's storage when the gateway has it and the key is its master key, "
                + "else in the folder .sluice/evals (--store DIR); every command says which.",
        "Exit codes: 0 success or the gate passed; 1 the gate failed; 2 bad usage or config, or calls failed for "
                + "reasons outside the system under test."},
        subcommands = {EvalCommand.Run.class, EvalCommand.Runs.class, EvalCommand.Compare.class})
public final class EvalCommand implements Callable<Integer> {

    /** Exit code when a gate rule fails. */
    public static final int GATE_FAILED = 1;
    /**
     * Exit code on bad usage or configuration, and when calls failed for reasons outside the system under test (a
     * wrong key, an unreachable gateway, a model its config lacks): the gate's verdict then says nothing.
     */
    public static final int BAD_USAGE = 2;

    private final EvalHooks hooks;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public EvalCommand(EvalHooks hooks) {
        this.hooks = hooks;
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(hooks.err());
        return BAD_USAGE;
    }

    int guarded(Callable<Integer> body) {
        try {
            return body.call();
        } catch (GatewayException e) {
            hooks.err().println("error: " + e.getMessage());
            return e.error().type() == ErrorType.INVALID_REQUEST ? BAD_USAGE : GATE_FAILED;
        } catch (Exception e) {
            hooks.err().println("error: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()));
            return GATE_FAILED;
        }
    }

    /** {@code eval run SUITE.yaml ...}. */
    @Command(name = "run", mixinStandardHelpOptions = true, description = {"Run a suite and apply its gate.",
            "Exit codes: 0 the gate passed; 1 the gate failed (a quality verdict); 2 bad usage or config, or calls "
                    + "failed for reasons outside the system under test (wrong key, unreachable gateway, unknown "
                    + "model): the cause is printed."})
    static final class Run implements Callable<Integer> {
        @ParentCommand EvalCommand parent;
        @Parameters(index = "0", paramLabel = "SUITE.yaml") Path suite;
        @Option(names = {"--gateway", "--url"}, paramLabel = "URL", description = "Sluice base URL (default: "
                + "$SLUICE_URL)") String gateway;
        @Option(names = "--key", paramLabel = "KEY", description = "API key (default: $SLUICE_API_KEY, else "
                + "$SLUICE_MASTER_KEY)") String key;
        @Option(names = "--config", paramLabel = "sluice.yaml", description = "start Sluice in-process") Path config;
        @Option(names = "--baseline", paramLabel = "RUN|FILE") String baseline;
        @Option(names = "--junit", paramLabel = "FILE") Path junit;
        @Option(names = "--markdown", paramLabel = "FILE") Path markdown;
        @Option(names = "--html", paramLabel = "FILE") Path html;
        @Option(names = "--export", paramLabel = "FILE", description = "write the run as a baseline file") Path export;
        @Option(names = "--run-id", paramLabel = "ID", description = "use (or resume) this run id") String runId;
        @Option(names = "--resume", description = "resume the latest unfinished run of this suite") boolean resume;
        @Option(names = "--no-cache", description = "call every target even for unchanged cases") boolean noCache;
        @Option(names = "--concurrency", paramLabel = "N") Integer concurrency;
        @Option(names = "--store", paramLabel = "DIR", description = "run store folder (default .sluice/evals)")
        Path store;

        @Override
        public Integer call() {
            return parent.guarded(() -> {
                if (gateway != null && config != null) {
                    throw GatewayException.invalid("give either --gateway or --config, not both", "gateway");
                }
                if (concurrency != null && concurrency < 1) {
                    throw GatewayException.invalid("--concurrency must be at least 1", "concurrency");
                }
                Path dir = parent.hooks.workDir();
                RunRequest request = new RunRequest(suite, gateway, key, config, baseline, runId, resume, !noCache,
                        concurrency, store, new RunRequest.Reports(resolve(dir, junit), resolve(dir, markdown),
                        resolve(dir, html), resolve(dir, export)));
                EvalSession.Outcome outcome = new EvalSession(parent.hooks, Clock.systemUTC()).run(request);
                if (outcome.infrastructureFailed()) {
                    return BAD_USAGE;
                }
                return outcome.verdict().passed() ? 0 : GATE_FAILED;
            });
        }
    }

    /** {@code eval runs}: the stored runs, newest first. */
    @Command(name = "runs", mixinStandardHelpOptions = true, description = "List stored runs.")
    static final class Runs implements Callable<Integer> {
        @ParentCommand EvalCommand parent;
        @Option(names = "--store", paramLabel = "DIR") Path store;
        @Option(names = {"--gateway", "--url"}, paramLabel = "URL", description = "read runs kept by this Sluice "
                + "(default: $SLUICE_URL; else the local folder)") String gateway;
        @Option(names = "--key", paramLabel = "KEY", description = "its master key (default: $SLUICE_API_KEY, else "
                + "$SLUICE_MASTER_KEY)") String key;

        @Override
        public Integer call() {
            return parent.guarded(() -> {
                List<RunManifest> runs = new EvalSession(parent.hooks, Clock.systemUTC()).runs(store, gateway, key);
                parent.hooks.out().printf("%-26s %-20s %-24s %-14s %8s %s%n", "RUN", "STARTED", "SUITE", "DATASET",
                        "RESULTS", "TARGETS");
                for (RunManifest m : runs) {
                    parent.hooks.out().printf("%-26s %-20s %-24s %-14s %8s %s%n", m.runId(),
                            m.startedAt().toString().substring(0, 19), m.suiteName(),
                            m.datasetVersion().substring(7, 19), m.finishedAt() == null ? "partial"
                                    : Integer.toString(m.plannedResults()), String.join(",", m.targets().keySet()));
                }
                return 0;
            });
        }
    }

    /** {@code eval compare A B}: B against baseline A. */
    @Command(name = "compare", mixinStandardHelpOptions = true,
            description = "Compare run B against baseline run A (ids or files).")
    static final class Compare implements Callable<Integer> {
        @ParentCommand EvalCommand parent;
        @Parameters(index = "0", paramLabel = "A") String baseline;
        @Parameters(index = "1", paramLabel = "B") String current;
        @Option(names = "--store", paramLabel = "DIR") Path store;
        @Option(names = {"--gateway", "--url"}, paramLabel = "URL", description = "read runs kept by this Sluice "
                + "(default: $SLUICE_URL; else the local folder)") String gateway;
        @Option(names = "--key", paramLabel = "KEY", description = "its master key (default: $SLUICE_API_KEY, else "
                + "$SLUICE_MASTER_KEY)") String key;
        @Option(names = "--markdown", paramLabel = "FILE") Path markdown;
        @Option(names = "--html", paramLabel = "FILE") Path html;

        @Override
        public Integer call() {
            return parent.guarded(() -> {
                EvalHooks hooks = parent.hooks;
                EvalSession session = new EvalSession(hooks, Clock.systemUTC());
                RunStore runs = session.openStore(store, gateway, key);
                EvalRun a = session.resolveRun(runs, baseline);
                EvalRun b = session.resolveRun(runs, current);
                RunSummary summary = Summarizer.standard().summarize(b, a);
                GateVerdict none = new GateVerdict(List.of());
                hooks.out().print(new TextReport().terminal(summary, none));
                if (markdown != null) {
                    Reports.write(hooks.workDir().resolve(markdown), new TextReport().markdown(summary, none));
                }
                if (html != null) {
                    Reports.write(hooks.workDir().resolve(html), new HtmlReport().render(summary, none));
                }
                return 0;
            });
        }
    }

    private static Path resolve(Path dir, Path p) {
        return p == null ? null : dir.resolve(p);
    }
}
