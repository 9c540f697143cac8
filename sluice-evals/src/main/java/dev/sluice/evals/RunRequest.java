package dev.sluice.evals;

import java.nio.file.Path;

/**
 * The options of one {@code eval run}.
 *
 * @param gateway gateway base URL, or null with {@code config} (start in-process) or when every target is HTTP
 * @param baseline a stored run id, a run folder, or an exported run JSON file; null for none
 * @param runId run id to use or resume; null for a fresh id (or the latest unfinished run when {@code resume})
 * @param concurrency overrides the suite's concurrency when not null
 */
public record RunRequest(Path suite, String gateway, String key, Path config, String baseline, String runId,
                         boolean resume, boolean useCache, Integer concurrency, Path store, Reports reports) {

    /** Where to write reports; null fields are skipped. {@code export} writes the run as a baseline file. */
    public record Reports(Path junit, Path markdown, Path html, Path export) {
        public static final Reports NONE = new Reports(null, null, null, null);
    }
}
