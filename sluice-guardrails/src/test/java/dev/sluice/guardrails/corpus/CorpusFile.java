package dev.sluice.guardrails.corpus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The corpus as JSON Lines, one sample per line:
 * {@code {"id":..,"group":..,"kind":..,"text":..,"labels":[{"type":..,"start":..,"end":..,"value":..}]}}; offsets
 * are UTF-16 indexes into {@code text} ({@code value} repeats the labelled text for readers).
 */
public final class CorpusFile {

    /** Where the corpus is on the test classpath. */
    public static final String RESOURCE = "/corpus/pii.jsonl";

    private CorpusFile() { }

    public static String toJsonl(List<Sample> samples) {
        StringBuilder out = new StringBuilder();
        for (Sample s : samples) {
            ObjectNode node = Json.object().put("id", s.id()).put("group", s.group()).put("kind", s.kind())
                    .put("text", s.text());
            ArrayNode labels = node.putArray("labels");
            for (Sample.Label l : s.labels()) {
                labels.addObject().put("type", l.type()).put("start", l.start()).put("end", l.end())
                        .put("value", s.text().substring(l.start(), l.end()));
            }
            out.append(Json.text(node)).append('\n');
        }
        return out.toString();
    }

    /** The committed corpus, from the test classpath. */
    public static List<Sample> load() {
        return parse(committedText());
    }

    public static String committedText() {
        try (InputStream in = CorpusFile.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<Sample> parse(String jsonl) {
        List<Sample> samples = new ArrayList<>();
        for (String line : jsonl.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            try {
                JsonNode node = Json.MAPPER.readTree(line);
                List<Sample.Label> labels = new ArrayList<>();
                for (JsonNode l : node.get("labels")) {
                    labels.add(new Sample.Label(l.get("type").asText(), l.get("start").asInt(), l.get("end").asInt()));
                }
                samples.add(new Sample(node.get("id").asText(), node.get("group").asText(), node.get("kind").asText(),
                        node.get("text").asText(), labels));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return samples;
    }
}
