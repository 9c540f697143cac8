package dev.sluice.guardrails.corpus;

import java.util.List;

/**
 * One labelled text of the corpus.
 *
 * @param id     stable name: the group, the kind and a number ({@code EMAIL-pos-007})
 * @param group  the type the sample was written for, or {@code GENERAL} / {@code MIXED}
 * @param kind   {@code positive} (holds entities of its group), {@code negative} (a hard negative: a look-alike in the
 *               same sentences, or a valid shape without the context that makes it one) or {@code mixed}
 * @param text   the sentence
 * @param labels every entity in the text, by UTF-16 offsets
 */
public record Sample(String id, String group, String kind, String text, List<Label> labels) {

    /** One entity: its type and span. */
    public record Label(String type, int start, int end) { }

    public Sample {
        labels = List.copyOf(labels);
    }
}
