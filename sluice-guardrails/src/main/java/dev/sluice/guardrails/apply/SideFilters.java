package dev.sluice.guardrails.apply;

import dev.sluice.guardrails.Action;
import dev.sluice.guardrails.content.ContentType;
import dev.sluice.guardrails.content.Strength;
import dev.sluice.guardrails.definition.ContentFilterConfig;
import dev.sluice.guardrails.definition.TopicConfig;
import dev.sluice.guardrails.topics.DeniedTopic;
import dev.sluice.guardrails.topics.Embedder;
import dev.sluice.guardrails.topics.TopicClassifier;
import dev.sluice.guardrails.definition.GuardrailConfig;
import dev.sluice.guardrails.definition.ManagedWordsConfig;
import dev.sluice.guardrails.definition.PiiEntityConfig;
import dev.sluice.guardrails.definition.RegexConfig;
import dev.sluice.guardrails.definition.WordConfig;
import dev.sluice.guardrails.pii.ContextWords;
import dev.sluice.guardrails.pii.CustomRegex;
import dev.sluice.guardrails.pii.PiiType;
import dev.sluice.guardrails.pii.SensitiveInformationFilter;
import dev.sluice.guardrails.pii.SensitiveInformationPolicy;
import dev.sluice.guardrails.words.WordFilter;
import dev.sluice.guardrails.words.WordPolicy;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The filters of one side of a guardrail: one sensitive-information filter with each enabled entry's action on this
 * side (null when none is enabled), and a word filter per word action (BLOCK, NONE), since a word filter takes one
 * action for all its custom words; the content filters that run on this side (PROMPT_ATTACK on input only) and the
 * denied topics checked here (null when none).
 *
 * @param types the entity types checked on this side, in definition order
 * @param regexPatterns the patterns of the custom regexes checked on this side, by name
 */
record SideFilters(SensitiveInformationFilter pii, List<PiiType> types, Map<String, String> regexPatterns,
                   List<WordFilter> words, Map<ContentType, ContentRule> content, TopicClassifier topics,
                   Map<String, Action> topicActions) {

    /** A content filter on this side: its strength and the action taken when the strength acts. */
    record ContentRule(Strength strength, Action action) { }

    static SideFilters of(GuardrailConfig config, Source source, Embedder embedder) {
        Map<PiiType, Action> entities = new EnumMap<>(PiiType.class);
        List<PiiType> types = new ArrayList<>();
        List<CustomRegex> regexes = new ArrayList<>();
        Map<String, String> patterns = new HashMap<>();
        var sensitive = config.sensitiveInformationPolicyConfig();
        if (sensitive != null) {
            for (PiiEntityConfig e : sensitive.piiEntitiesConfig()) {
                Action action = e.sides().on(source);
                if (action != null) {
                    entities.put(e.piiType(), action);
                    types.add(e.piiType());
                }
            }
            for (RegexConfig r : sensitive.regexesConfig()) {
                Action action = r.sides().on(source);
                if (action != null) {
                    regexes.add(r.on(action));
                    patterns.put(r.name(), r.pattern());
                }
            }
        }
        SensitiveInformationFilter pii = entities.isEmpty() && regexes.isEmpty() ? null
                : new SensitiveInformationFilter(new SensitiveInformationPolicy(entities, regexes,
                        ContextWords.defaults()));
        Map<ContentType, ContentRule> content = new EnumMap<>(ContentType.class);
        if (config.contentPolicyConfig() != null) {
            for (ContentFilterConfig f : config.contentPolicyConfig().filtersConfig()) {
                Action action = f.on(source);
                if (action != null && (source == Source.INPUT || f.contentType() != ContentType.PROMPT_ATTACK)) {
                    content.put(f.contentType(), new ContentRule(f.strength(source), action));
                }
            }
        }
        Map<String, Action> topicActions = new java.util.LinkedHashMap<>();
        List<DeniedTopic> topics = new ArrayList<>();
        var topicPolicy = config.topicPolicyConfig();
        if (topicPolicy != null) {
            for (TopicConfig t : topicPolicy.topicsConfig()) {
                Action action = t.sides().on(source);
                if (action != null) {
                    topicActions.put(t.name(), action);
                    topics.add(t.topic());
                }
            }
        }
        TopicClassifier topicClassifier = topics.isEmpty() ? null
                : new TopicClassifier(topics, topicPolicy.thresholdOrDefault(), topicPolicy.tier(), embedder);
        return new SideFilters(pii, List.copyOf(types), Map.copyOf(patterns), words(config, source), content,
                topicClassifier, topicActions);
    }

    private static List<WordFilter> words(GuardrailConfig config, Source source) {
        var policy = config.wordPolicyConfig();
        if (policy == null) {
            return List.of();
        }
        Map<Action, List<String>> byAction = new EnumMap<>(Action.class);
        for (WordConfig w : policy.wordsConfig()) {
            Action action = w.sides().on(source);
            if (action != null) {
                byAction.computeIfAbsent(action, a -> new ArrayList<>()).add(w.text());
            }
        }
        Action profanity = null;
        for (ManagedWordsConfig m : policy.managedWordListsConfig()) {
            profanity = m.sides().on(source);
        }
        List<WordFilter> filters = new ArrayList<>();
        for (Action action : List.of(Action.BLOCK, Action.NONE)) {
            List<String> words = byAction.getOrDefault(action, List.of());
            boolean withProfanity = profanity == action;
            if (!words.isEmpty() || withProfanity) {
                filters.add(new WordFilter(new WordPolicy(words, action, withProfanity, action)));
            }
        }
        return List.copyOf(filters);
    }
}
