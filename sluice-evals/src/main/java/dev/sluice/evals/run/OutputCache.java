package dev.sluice.evals.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.api.json.Json;
import dev.sluice.evals.target.TargetOutput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Outputs of earlier calls on disk ({@code cache/<sha256>.json}), keyed by the target's settings, the rendered prompt
 * and the repeat index, so an unchanged case is not called again. Only successful outputs are cached. Thread-safe:
 * entries are written to a temporary file and moved into place.
 */
public final class OutputCache {

    private final Path dir;
    private final ObjectMapper mapper = new ObjectMapper();

    public OutputCache(Path root) {
        this.dir = root.resolve("cache");
    }

    public static String key(Map<String, Object> settings, String prompt, int repeat) {
        String canonical = Json.text(Json.MAPPER.valueToTree(new TreeMap<>(settings)));
        return Hashing.sha256(canonical + "\n" + repeat + "\n" + prompt);
    }

    public Optional<TargetOutput> get(String key) {
        Path file = dir.resolve(key + ".json");
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(mapper.readValue(file.toFile(), TargetOutput.class));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    public void put(String key, TargetOutput output) {
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, key, ".tmp");
            mapper.writeValue(tmp.toFile(), output);
            Files.move(tmp, dir.resolve(key + ".json"), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // a cache that cannot be written only costs a call next time
        }
    }
}
