package dev.sluice.guardrails.pii;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.guardrails.Action;
import dev.sluice.guardrails.corpus.CorpusFile;
import dev.sluice.guardrails.corpus.Sample;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A policy that asks for a few types reports exactly what the policy of every type reports of those types, though
 * its filter calls the other detectors only when its own found something: look-alikes are still told apart (an NHS
 * number is not a PHONE because PHONE alone was asked for) and ties still go the same way. Checked on every text of
 * the labelled corpus, under random subsets of the structured types.
 */
class AskedTypesFirstTest {

    private static final List<PiiType> STRUCTURED = Arrays.stream(PiiType.values())
            .filter(PiiType::isStructured).toList();

    @Test
    void aFewTypesAskedForAreReportedAsWhenEveryTypeIs() {
        List<Sample> corpus = CorpusFile.load();
        Random random = new Random(16);
        List<String> differences = new ArrayList<>();
        int reported = 0;
        for (int round = 0; round < 12; round++) {
            Map<PiiType, Action> some = new EnumMap<>(PiiType.class);
            for (PiiType type : STRUCTURED) {
                if (random.nextInt(5) == 0) {
                    some.put(type, Action.ANONYMIZE);
                }
            }
            // the types' own look-alikes, so that each round has one that another detector must shadow
            some.put(round % 2 == 0 ? PiiType.PHONE : PiiType.US_SOCIAL_SECURITY_NUMBER, Action.ANONYMIZE);
            // every type but URL when URL is not asked: an unasked URL does not hide the credentials inside it
            Map<PiiType, Action> every = new EnumMap<>(SensitiveInformationPolicy.all(Action.ANONYMIZE).entities());
            if (!some.containsKey(PiiType.URL)) {
                every.remove(PiiType.URL);
            }
            SensitiveInformationFilter few = new SensitiveInformationFilter(
                    new SensitiveInformationPolicy(some, List.of(), null));
            SensitiveInformationFilter all = new SensitiveInformationFilter(
                    new SensitiveInformationPolicy(every, List.of(), null));
            for (Sample s : corpus) {
                List<String> expected = spans(all.check(s.text()), some);
                List<String> actual = spans(few.check(s.text()), some);
                reported += actual.size();
                if (!actual.equals(expected)) {
                    differences.add(some.keySet() + " in " + s.text() + ": " + actual + " not " + expected);
                }
            }
        }
        assertThat(differences).isEmpty();
        assertThat(reported).as("findings compared").isGreaterThan(1_000);
    }

    private static List<String> spans(SensitiveInformationResult result, Map<PiiType, Action> asked) {
        return result.findings().stream()
                .filter(f -> asked.keySet().stream().anyMatch(t -> t.name().equals(f.type())))
                .map(f -> f.type() + "@" + f.start() + "-" + f.end())
                .toList();
    }
}
