package dev.sluice.evals.run;

import java.util.List;
import java.util.Optional;

/**
 * Keeps runs. The CLI uses {@link LocalRunStore}; a server-backed store can implement the same contract.
 * Implementations are thread-safe: {@link #append} is called concurrently while a run executes, and each appended
 * result must be durable on return, so that a killed run can be resumed.
 */
public interface RunStore {

    /** Records a new run, or replaces the manifest of an existing one (resume). */
    void save(RunManifest manifest);

    Optional<RunManifest> manifest(String runId);

    /** Adds one result to a run. */
    void append(String runId, CaseResult result);

    /** Every result of a run in the order appended; a torn last record (after a kill) is ignored. Empty if none. */
    List<CaseResult> results(String runId);

    /** All runs, newest first. */
    List<RunManifest> list();

    default Optional<EvalRun> run(String runId) {
        return manifest(runId).map(m -> new EvalRun(m, results(runId)));
    }
}
