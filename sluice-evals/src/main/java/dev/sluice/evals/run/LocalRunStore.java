package dev.sluice.evals.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.api.error.ErrorType;
import dev.sluice.api.error.GatewayException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Runs in a local folder (default {@code .sluice/evals/} under the working directory): {@code runs/<id>/manifest.json}
 * and {@code runs/<id>/results.jsonl}, one result per line appended as each case finishes. Thread-safe within one
 * process.
 */
public final class LocalRunStore implements RunStore {

    private final Path runs;
    private final ObjectMapper mapper = RunJson.mapper();

    public LocalRunStore(Path root) {
        this.runs = root.resolve("runs");
    }

    /** The mapper used for manifests and results, also used to read baseline files. */
    ObjectMapper mapper() {
        return mapper;
    }

    @Override
    public void save(RunManifest manifest) {
        try {
            Path dir = Files.createDirectories(runs.resolve(safe(manifest.runId())));
            Path tmp = dir.resolve("manifest.json.tmp");
            mapper.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), manifest);
            Files.move(tmp, dir.resolve("manifest.json"), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            dropTornTail(dir.resolve("results.jsonl"));
        } catch (IOException e) {
            throw storeFailure("cannot write run " + manifest.runId(), e);
        }
    }

    @Override
    public Optional<RunManifest> manifest(String runId) {
        Path file = runs.resolve(safe(runId)).resolve("manifest.json");
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(mapper.readValue(file.toFile(), RunManifest.class));
        } catch (IOException e) {
            throw storeFailure("cannot read run " + runId, e);
        }
    }

    @Override
    public synchronized void append(String runId, CaseResult result) {
        try {
            String line = mapper.writeValueAsString(result) + "\n";
            Files.writeString(runs.resolve(safe(runId)).resolve("results.jsonl"), line, StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw storeFailure("cannot append to run " + runId, e);
        }
    }

    @Override
    public List<CaseResult> results(String runId) {
        return readResults(mapper, runs.resolve(safe(runId)).resolve("results.jsonl"));
    }

    @Override
    public List<RunManifest> list() {
        if (!Files.isDirectory(runs)) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(runs)) {
            return dirs.map(d -> manifest(d.getFileName().toString())).flatMap(Optional::stream)
                    .sorted(Comparator.comparing(RunManifest::startedAt).reversed()).toList();
        } catch (IOException e) {
            throw storeFailure("cannot list runs in " + runs, e);
        }
    }

    /** A kill can leave half a line at the end; cut it off so that appends on resume start on a fresh line. */
    private static void dropTornTail(Path results) throws IOException {
        if (!Files.isRegularFile(results)) {
            return;
        }
        try (var channel = java.nio.channels.FileChannel.open(results, StandardOpenOption.READ,
                StandardOpenOption.WRITE)) {
            long size = channel.size();
            long keep = size;
            var one = java.nio.ByteBuffer.allocate(1);
            while (keep > 0) {
                one.clear();
                channel.read(one, keep - 1);
                if (one.get(0) == '\n') {
                    break;
                }
                keep--;
            }
            if (keep < size) {
                channel.truncate(keep);
            }
        }
    }

    /** Reads a results JSONL file, ignoring a torn last line. */
    static List<CaseResult> readResults(ObjectMapper mapper, Path file) {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        List<CaseResult> out = new ArrayList<>();
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).isBlank()) {
                    continue;
                }
                try {
                    out.add(mapper.readValue(lines.get(i), CaseResult.class));
                } catch (IOException e) {
                    if (i < lines.size() - 1) {
                        throw GatewayException.invalid(file + ":" + (i + 1) + ": not a case result", "results");
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    static String safe(String runId) {
        if (!runId.matches("[A-Za-z0-9._-]+") || runId.startsWith(".")) {
            throw GatewayException.invalid("run id may use letters, digits, '.', '_' and '-' only: " + runId, "run");
        }
        return runId;
    }

    private static GatewayException storeFailure(String what, IOException e) {
        return GatewayException.of(ErrorType.INTERNAL, what + ": " + e.getMessage());
    }
}
