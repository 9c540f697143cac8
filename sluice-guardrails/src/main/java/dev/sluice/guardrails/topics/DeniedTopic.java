package dev.sluice.guardrails.topics;

import java.util.List;
import java.util.Objects;

/** A topic a guardrail denies: its name (reported in findings), what it covers, and up to five example prompts. */
public record DeniedTopic(String name, String definition, List<String> examples) {

    public DeniedTopic {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(definition, "definition");
        examples = examples == null ? List.of() : List.copyOf(examples);
    }
}
