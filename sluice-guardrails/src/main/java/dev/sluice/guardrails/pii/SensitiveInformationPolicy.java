package dev.sluice.guardrails.pii;

import dev.sluice.guardrails.Action;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Which sensitive information to look for and what to do with it.
 *
 * @param entities     the entity types to report, each with its action; types absent are not reported
 * @param regexes      custom patterns, each with its action; names must be unique
 * @param contextWords the words that raise or lower confidence; null means {@link ContextWords#defaults()}
 * @throws IllegalArgumentException naming the entry that is wrong
 */
public record SensitiveInformationPolicy(Map<PiiType, Action> entities, List<CustomRegex> regexes,
                                         ContextWords contextWords) {

    public SensitiveInformationPolicy {
        entities = entities == null ? Map.of() : Map.copyOf(entities);
        regexes = regexes == null ? List.of() : List.copyOf(regexes);
        contextWords = contextWords == null ? ContextWords.defaults() : contextWords;
        entities.forEach((type, action) -> Objects.requireNonNull(action, "action of " + type));
        Set<String> names = new HashSet<>();
        for (CustomRegex regex : regexes) {
            if (!names.add(regex.name())) {
                throw new IllegalArgumentException("custom regex '" + regex.name() + "' is defined twice");
            }
        }
    }

    /**
     * Every structured entity type ({@link PiiType#isStructured()}: not NAME or ADDRESS) with one action, no custom
     * regexes, the default context words.
     */
    public static SensitiveInformationPolicy all(Action action) {
        Map<PiiType, Action> entities = new EnumMap<>(PiiType.class);
        for (PiiType type : PiiType.values()) {
            if (type.isStructured()) {
                entities.put(type, action);
            }
        }
        return new SensitiveInformationPolicy(entities, List.of(), ContextWords.defaults());
    }
}
