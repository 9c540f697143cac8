package dev.sluice.guardrails.apply;

import dev.sluice.guardrails.Action;
import dev.sluice.guardrails.Verdict;
import dev.sluice.guardrails.content.ContentType;
import dev.sluice.guardrails.content.Strength;
import dev.sluice.guardrails.pii.PiiType;
import dev.sluice.guardrails.words.WordFinding.WordList;
import java.util.List;

/**
 * What a guardrail found in the blocks of one check, and what it made of them.
 *
 * @param verdict BLOCKED if any finding's action is BLOCK, else ANONYMIZED if any is ANONYMIZE, else NONE
 * @param outputs what the caller gets instead of its texts: the blocked message alone when blocked; every block, the
 *     guarded ones masked, when anonymized; nothing when the guardrail did not intervene
 * @param piiEntities entity findings, in block and text order
 * @param regexes custom regex findings
 * @param words custom and managed word findings
 * @param undetected the entity types checked on this side that nothing matched (for Bedrock's {@code FULL} scope)
 * @param contentFilters every content filter that ran on this side, with its confidence; {@code detected} when its
 *     strength acts on that confidence
 * @param topics every denied topic checked on this side; {@code detected} when the text reached the threshold
 * @param grounding every contextual grounding filter that ran (output side, with a grounding source or a query);
 *     {@code detected} when the score is below the threshold
 * @param guardedCharacters characters of the blocks that were checked
 * @param totalCharacters characters of every block
 */
public record Assessment(Verdict verdict, List<String> outputs, List<PiiMatch> piiEntities, List<RegexMatch> regexes,
                         List<WordMatch> words, List<PiiType> undetected, List<ContentMatch> contentFilters,
                         List<TopicMatch> topics, List<GroundingMatch> grounding, Usage usage,
                         int guardedCharacters, int totalCharacters) {

    public Assessment {
        grounding = List.copyOf(grounding);
        outputs = List.copyOf(outputs);
        piiEntities = List.copyOf(piiEntities);
        regexes = List.copyOf(regexes);
        words = List.copyOf(words);
        undetected = List.copyOf(undetected);
        contentFilters = List.copyOf(contentFilters);
        topics = List.copyOf(topics);
    }

    /** An assessment without grounding filters (the shape before that policy existed). */
    public Assessment(Verdict verdict, List<String> outputs, List<PiiMatch> piiEntities, List<RegexMatch> regexes,
                      List<WordMatch> words, List<PiiType> undetected, List<ContentMatch> contentFilters,
                      List<TopicMatch> topics, Usage usage, int guardedCharacters, int totalCharacters) {
        this(verdict, outputs, piiEntities, regexes, words, undetected, contentFilters, topics, List.of(), usage,
                guardedCharacters, totalCharacters);
    }

    /** An assessment without content filters or topics (the shape before those policies existed). */
    public Assessment(Verdict verdict, List<String> outputs, List<PiiMatch> piiEntities, List<RegexMatch> regexes,
                      List<WordMatch> words, List<PiiType> undetected, Usage usage, int guardedCharacters,
                      int totalCharacters) {
        this(verdict, outputs, piiEntities, regexes, words, undetected, List.of(), List.of(), List.of(), usage,
                guardedCharacters, totalCharacters);
    }

    /** Whether the guardrail acted (blocked or masked). */
    public boolean intervened() {
        return verdict != Verdict.NONE;
    }

    /** A PII entity found: its type, the text matched and the action taken. */
    public record PiiMatch(PiiType type, String match, Action action) { }

    /** A custom regex match: the regex's name and pattern, the text matched and the action taken. */
    public record RegexMatch(String name, String regex, String match, Action action) { }

    /** A listed word found: the text as written, its list and the action taken. */
    public record WordMatch(String match, WordList list, Action action) { }

    /**
     * A content filter's result: the highest confidence over the checked blocks, the filter's strength on this side,
     * whether that strength acts on that confidence, and the action (BLOCK or NONE) taken when it does.
     */
    public record ContentMatch(ContentType type, Strength confidence, Strength filterStrength, Action action,
                               boolean detected) { }

    /** A denied topic's result: the best similarity over the checked blocks, and the action taken when detected. */
    public record TopicMatch(String name, double similarity, Action action, boolean detected) { }

    /**
     * A contextual grounding filter's result: its type (GROUNDING or RELEVANCE), threshold, the answer's score in
     * [0, 1], the action (BLOCK or NONE) taken when the score is below the threshold, and whether it is.
     */
    public record GroundingMatch(String type, double threshold, double score, Action action, boolean detected) { }

    /**
     * Bedrock's text units (up to 1,000 characters each, counted per block) per policy that ran; regex-only
     * sensitive-information checks are counted as free units.
     */
    public record Usage(int sensitiveInformationUnits, int sensitiveInformationFreeUnits, int wordUnits,
                        int contentUnits, int topicUnits, int groundingUnits) {

        public Usage(int sensitiveInformationUnits, int sensitiveInformationFreeUnits, int wordUnits,
                     int contentUnits, int topicUnits) {
            this(sensitiveInformationUnits, sensitiveInformationFreeUnits, wordUnits, contentUnits, topicUnits, 0);
        }

        public Usage(int sensitiveInformationUnits, int sensitiveInformationFreeUnits, int wordUnits) {
            this(sensitiveInformationUnits, sensitiveInformationFreeUnits, wordUnits, 0, 0, 0);
        }
    }
}
