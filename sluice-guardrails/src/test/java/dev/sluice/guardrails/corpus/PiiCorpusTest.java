package dev.sluice.guardrails.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.guardrails.pii.PiiType;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The committed corpus is the generator's output, big enough, and labelled consistently. */
class PiiCorpusTest {

    private final List<Sample> corpus = CorpusFile.load();

    @Test
    void theCommittedCorpusIsExactlyWhatTheSeededGeneratorWrites() {
        assertThat(CorpusFile.committedText())
                .as("regenerate with CorpusGenerator (bench/guardrails.sh --regenerate) and commit the file")
                .isEqualTo(CorpusFile.toJsonl(CorpusGenerator.generate()));
    }

    @Test
    void everyTypeHasAtLeastAHundredPositivesAndItsOwnHardNegatives() {
        Map<String, Long> labels = corpus.stream().flatMap(s -> s.labels().stream())
                .collect(Collectors.groupingBy(Sample.Label::type, Collectors.counting()));
        Map<String, Long> negatives = corpus.stream().filter(s -> s.kind().equals("negative"))
                .collect(Collectors.groupingBy(Sample::group, Collectors.counting()));
        for (PiiType type : PiiType.values()) {
            if (!type.isStructured()) {
                continue; // NAME and ADDRESS have their own hand-written corpus (NameAddressAccuracyTest)
            }
            assertThat(labels.get(type.name())).as(type.name()).isGreaterThanOrEqualTo(100);
            assertThat(negatives.get(type.name())).as(type.name()).isGreaterThanOrEqualTo(50);
        }
        assertThat(negatives.get("GENERAL")).isGreaterThanOrEqualTo(100);
    }

    @Test
    void labelsLieInsideTheirTextWithoutOverlapAndNegativesHaveNone() {
        Set<String> ids = new HashSet<>();
        for (Sample s : corpus) {
            assertThat(ids.add(s.id())).as("duplicate id " + s.id()).isTrue();
            assertThat(s.labels().isEmpty()).as(s.id()).isEqualTo(s.kind().equals("negative"));
            int last = 0;
            for (Sample.Label l : s.labels()) {
                assertThat(l.start()).as(s.id()).isGreaterThanOrEqualTo(last);
                assertThat(l.end()).as(s.id()).isGreaterThan(l.start()).isLessThanOrEqualTo(s.text().length());
                last = l.end();
            }
        }
    }

    @Test
    void theHandWrittenSetMarksUpKnownTypesWithTheirValues() {
        Sample s = HandwrittenSet.parse("t", "Mail [[EMAIL:a@b.co]] or [[PHONE:020 7946 0958]].");
        assertThat(s.text()).isEqualTo("Mail a@b.co or 020 7946 0958.");
        assertThat(s.labels()).containsExactly(new Sample.Label("EMAIL", 5, 11), new Sample.Label("PHONE", 15, 28));
        Set<String> types = java.util.Arrays.stream(PiiType.values()).map(Enum::name).collect(Collectors.toSet());
        assertThat(HandwrittenSet.load()).hasSizeGreaterThan(50)
                .allSatisfy(h -> assertThat(h.labels()).allSatisfy(l -> assertThat(types).contains(l.type())));
    }
}
