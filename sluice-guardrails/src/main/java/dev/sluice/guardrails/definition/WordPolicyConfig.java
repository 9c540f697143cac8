package dev.sluice.guardrails.definition;

import dev.sluice.guardrails.words.WordPolicy;
import dev.sluice.spi.ConfigBinder;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** {@code wordPolicyConfig}: custom words (at most {@value WordPolicy#MAX_WORDS}, each once) and managed lists. */
public record WordPolicyConfig(List<WordConfig> wordsConfig, List<ManagedWordsConfig> managedWordListsConfig) {

    public WordPolicyConfig {
        Fields.noNulls(wordsConfig, "words_config");
        Fields.noNulls(managedWordListsConfig, "managed_word_lists_config");
        Fields.size(wordsConfig, WordPolicy.MAX_WORDS, "words_config");
        Fields.size(managedWordListsConfig, 1, "managed_word_lists_config");
        wordsConfig = wordsConfig == null ? List.of() : List.copyOf(wordsConfig);
        managedWordListsConfig = managedWordListsConfig == null ? List.of() : List.copyOf(managedWordListsConfig);
        if (wordsConfig.isEmpty() && managedWordListsConfig.isEmpty()) {
            throw new ConfigBinder.Invalid("words_config", "give at least one word or managed word list");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < wordsConfig.size(); i++) {
            if (!seen.add(wordsConfig.get(i).text().strip().toLowerCase(Locale.ROOT))) {
                throw new ConfigBinder.Invalid("words_config[" + i + "].text", "'" + wordsConfig.get(i).text()
                        + "' is listed twice");
            }
        }
    }
}
