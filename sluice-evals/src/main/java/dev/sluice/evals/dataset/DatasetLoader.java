package dev.sluice.evals.dataset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.sluice.api.error.GatewayException;
import dev.sluice.api.json.Json;
import dev.sluice.evals.run.Hashing;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads datasets. The format follows the file extension: {@code .jsonl} (one JSON object per line) or {@code .csv}
 * (header row). Each record may use Bedrock's evaluation field names ({@code prompt}, {@code referenceResponse},
 * {@code category}, {@code referenceContexts}) or generic ones ({@code id}, {@code vars} object or top-level fields,
 * {@code expected}, {@code category}, {@code contexts}). In CSV, contexts are separated by {@code ||}.
 * Stateless and thread-safe; a malformed file fails with the file, the line and what is wrong.
 */
public final class DatasetLoader {

    private static final Set<String> RESERVED = Set.of("id", "vars", "expected", "referenceResponse", "category",
            "contexts", "referenceContexts");

    public Dataset load(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw GatewayException.invalid("cannot read dataset " + file + ": " + e.getMessage(), "dataset");
        }
        String name = file.getFileName().toString().toLowerCase();
        List<EvalCase> cases;
        if (name.endsWith(".jsonl") || name.endsWith(".ndjson")) {
            cases = jsonl(file, new String(bytes, StandardCharsets.UTF_8));
        } else if (name.endsWith(".csv")) {
            cases = csv(file, bytes);
        } else {
            throw GatewayException.invalid("dataset " + file + ": unknown format, use .jsonl or .csv", "dataset");
        }
        if (cases.isEmpty()) {
            throw GatewayException.invalid("dataset " + file + " has no cases", "dataset");
        }
        return new Dataset(file.getFileName().toString(), "sha256:" + Hashing.sha256(bytes), cases);
    }

    private List<EvalCase> jsonl(Path file, String text) {
        List<EvalCase> cases = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        String[] lines = text.split("\r?\n");
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            JsonNode node;
            try {
                node = Json.parse(lines[i]);
            } catch (IOException e) {
                throw GatewayException.invalid(file + ":" + (i + 1) + ": not valid JSON", "dataset");
            }
            if (!node.isObject()) {
                throw GatewayException.invalid(file + ":" + (i + 1) + ": expected a JSON object", "dataset");
            }
            add(cases, ids, file, i + 1, fromJson(node, i + 1));
        }
        return cases;
    }

    private List<EvalCase> csv(Path file, byte[] bytes) {
        CsvMapper mapper = new CsvMapper().enable(CsvParser.Feature.TRIM_SPACES);
        List<EvalCase> cases = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        try (MappingIterator<Map<String, String>> rows = mapper.readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(bytes)) {
            int row = 1;
            while (rows.hasNext()) {
                row++;
                Map<String, String> r = rows.next();
                Map<String, String> vars = new LinkedHashMap<>();
                r.forEach((k, v) -> {
                    if (!RESERVED.contains(k) && v != null) {
                        vars.put(k, v);
                    }
                });
                String contexts = first(r.get("contexts"), r.get("referenceContexts"));
                List<String> ctx = contexts == null || contexts.isBlank() ? List.of()
                        : List.of(contexts.split("\\|\\|"));
                String id = blankToNull(r.get("id"));
                add(cases, ids, file, row, new EvalCase(id == null ? String.valueOf(row - 1) : id, vars,
                        blankToNull(first(r.get("expected"), r.get("referenceResponse"))),
                        blankToNull(r.get("category")), ctx));
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof GatewayException g) {
                throw g;
            }
            throw GatewayException.invalid(file + ": malformed CSV: " + e.getMessage(), "dataset");
        }
        return cases;
    }

    private static EvalCase fromJson(JsonNode node, int line) {
        Map<String, String> vars = new LinkedHashMap<>();
        node.path("vars").properties().forEach(e -> vars.put(e.getKey(), scalar(e.getValue())));
        node.properties().forEach(e -> {
            if (!RESERVED.contains(e.getKey())) {
                vars.put(e.getKey(), scalar(e.getValue()));
            }
        });
        JsonNode expected = node.has("expected") ? node.get("expected") : node.get("referenceResponse");
        JsonNode ctxNode = node.has("contexts") ? node.get("contexts") : node.get("referenceContexts");
        List<String> contexts = new ArrayList<>();
        if (ctxNode != null && ctxNode.isArray()) {
            ctxNode.forEach(c -> contexts.add(scalar(c)));
        }
        String id = node.hasNonNull("id") ? scalar(node.get("id")) : String.valueOf(line);
        return new EvalCase(id, vars, expected == null || expected.isNull() ? null : scalar(expected),
                node.hasNonNull("category") ? node.get("category").asText() : null, contexts);
    }

    /** Text as is; other JSON values as compact JSON so that structured expectations survive. */
    private static String scalar(JsonNode v) {
        return v.isValueNode() ? v.asText() : Json.text(v);
    }

    private static void add(List<EvalCase> cases, Set<String> ids, Path file, int line, EvalCase c) {
        if (!ids.add(c.id())) {
            throw GatewayException.invalid(file + ":" + line + ": duplicate case id '" + c.id() + "'", "dataset");
        }
        cases.add(c);
    }

    private static String first(String a, String b) {
        return a != null ? a : b;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
