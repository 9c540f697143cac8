package dev.sluice.guardrails.corpus;

import dev.sluice.guardrails.pii.PiiType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Writes the labelled corpus {@code corpus/pii.jsonl} from a fixed seed, so the committed file can be regenerated
 * byte for byte (a test checks it is). Per type: {@value #POSITIVES} positives (valid values in that type's sentences,
 * cycling through them) and {@value #NEGATIVES} hard negatives (look-alikes in the same sentences and, for types whose
 * shape says little, valid shapes in neutral sentences); then {@value #GENERAL} everyday sentences with numbers and
 * {@code 5} of each mixed sentence; then the types added since (ITIN, and the context types PASSWORD, PIN, ...:
 * values next to cue words), last and from random generators of their own, so that adding one leaves every line
 * before it unchanged. Usage:
 * {@code CorpusGenerator [OUTPUT]}.
 */
public final class CorpusGenerator {

    public static final long SEED = 16;
    public static final int POSITIVES = 120;
    public static final int NEGATIVES = 80;
    public static final int GENERAL = 200;
    private static final int MIXED_EACH = 5;
    public static final String DEFAULT_OUTPUT = "sluice-guardrails/src/test/resources/corpus/pii.jsonl";

    private CorpusGenerator() { }

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : DEFAULT_OUTPUT);
        List<Sample> samples = generate();
        Files.writeString(out, CorpusFile.toJsonl(samples), StandardCharsets.UTF_8);
        System.out.println("wrote " + samples.size() + " samples to " + out);
    }

    static Map<PiiType, Spec> specs() {
        Map<PiiType, Spec> specs = new EnumMap<>(PiiType.class);
        Stream.of(ContactSpecs.all(), CardSpecs.all(), BankSpecs.all(), IdentitySpecs.all(), DocumentSpecs.all())
                .flatMap(List::stream).forEach(s -> specs.put(s.type(), s));
        return specs;
    }

    /** The specs of the types added after the first corpus (the context types, ITIN), written after everything else. */
    static Map<PiiType, Spec> contextSpecs() {
        Map<PiiType, Spec> specs = new EnumMap<>(PiiType.class);
        Stream.of(CredentialSpecs.all(), PersonSpecs.all(), TaxSpecs.all(), LabelledIdSpecs.all()).flatMap(List::stream)
                .forEach(s -> specs.put(s.type(), s));
        return specs;
    }

    public static List<Sample> generate() {
        Random r = new Random(SEED);
        Map<PiiType, Spec> specs = specs();
        List<Sample> samples = new ArrayList<>();
        for (Spec spec : specs.values()) {
            write(spec, r, samples);
        }
        for (int i = 0; i < GENERAL; i++) {
            String text = GeneralSentences.ALL.get(i % GeneralSentences.ALL.size()).apply(r);
            samples.add(new Sample(id("GENERAL", "neg", i), "GENERAL", "negative", text, List.of()));
        }
        int n = 0;
        for (int round = 0; round < MIXED_EACH; round++) {
            for (String sentence : MixedSentences.ALL) {
                samples.add(mixed(id("MIXED", "mix", n++), sentence, specs, r));
            }
        }
        Random context = new Random(SEED + 1);
        Random later = new Random(SEED + 2); // types added after the context types draw from their own generator
        for (Spec spec : contextSpecs().values()) {
            write(spec, spec.type().isContextual() ? context : later, samples);
        }
        return samples;
    }

    /** The spec's positives and hard negatives, drawn from {@code r}. */
    private static void write(Spec spec, Random r, List<Sample> samples) {
        String group = spec.type().name();
        for (int i = 0; i < POSITIVES; i++) {
            String sentence = spec.sentences().get(i % spec.sentences().size());
            samples.add(sentence.contains("[[")
                    ? fillMarked(id(group, "pos", i), group, "positive", sentence, spec, r)
                    : fill(id(group, "pos", i), group, "positive", sentence, spec, spec.valid().apply(r), true));
        }
        int neutral = spec.neutral().isEmpty() ? 0 : NEGATIVES / 4;
        for (int i = 0; i < NEGATIVES; i++) {
            String id = id(group, "neg", i);
            if (!spec.negatives().isEmpty()) {
                String text = spec.negatives().get(i % spec.negatives().size()).apply(r);
                samples.add(text.contains("[[") ? fillMarked(id, group, "mixed", text, null, r)
                        : new Sample(id, group, "negative", text, List.of()));
                continue;
            }
            samples.add(i < neutral
                    ? fill(id, group, "negative", spec.neutral().get(i % spec.neutral().size()), spec,
                            spec.neutralValue().apply(r), false)
                    : fill(id, group, "negative", spec.sentences().get(i % spec.sentences().size()), spec,
                            spec.lookAlike().apply(r), false));
        }
    }

    private static String id(String group, String kind, int i) {
        return String.format("%s-%s-%03d", group, kind, i + 1);
    }

    private static Sample fill(String id, String group, String kind, String sentence, Spec spec, String value,
                               boolean labelled) {
        int at = sentence.indexOf("{}");
        String text = sentence.substring(0, at) + value + sentence.substring(at + 2);
        List<Sample.Label> labels = labelled
                ? List.of(new Sample.Label(spec.type().name(), at, at + value.length())) : List.of();
        return new Sample(id, group, kind, text, labels);
    }

    /**
     * A context type's sentence holding its value ({@code {}}) and values of other context types marked
     * {@code [[TYPE]]} ("Username: [[USERNAME]], password: {}"), every one labelled; drawn left to right. A hard
     * negative of a context type may hold another type's value ("Username: [[EMAIL]]"): it is then a mixed sample.
     */
    private static Sample fillMarked(String id, String group, String kind, String sentence, Spec spec, Random r) {
        StringBuilder text = new StringBuilder();
        List<Sample.Label> labels = new ArrayList<>();
        int last = 0;
        while (true) {
            int value = sentence.indexOf("{}", last);
            int marker = sentence.indexOf("[[", last);
            if (value < 0 && marker < 0) {
                break;
            }
            boolean own = marker < 0 || (value >= 0 && value < marker);
            int at = own ? value : marker;
            int close = own ? at + 2 : sentence.indexOf("]]", at) + 2;
            PiiType marked = own ? null : PiiType.valueOf(sentence.substring(at + 2, close - 2));
            Spec s = own ? spec : contextSpecs().getOrDefault(marked, specs().get(marked));
            text.append(sentence, last, at);
            String v = s.valid().apply(r);
            labels.add(new Sample.Label(s.type().name(), text.length(), text.length() + v.length()));
            text.append(v);
            last = close;
        }
        text.append(sentence.substring(last));
        return new Sample(id, group, kind, text.toString(), labels);
    }

    private static Sample mixed(String id, String sentence, Map<PiiType, Spec> specs, Random r) {
        StringBuilder text = new StringBuilder();
        List<Sample.Label> labels = new ArrayList<>();
        int last = 0;
        for (int open = sentence.indexOf('{'); open >= 0; open = sentence.indexOf('{', last)) {
            int close = sentence.indexOf('}', open);
            PiiType type = PiiType.valueOf(sentence.substring(open + 1, close));
            text.append(sentence, last, open);
            String value = specs.get(type).valid().apply(r);
            labels.add(new Sample.Label(type.name(), text.length(), text.length() + value.length()));
            text.append(value);
            last = close + 1;
        }
        text.append(sentence.substring(last));
        return new Sample(id, "MIXED", "mixed", text.toString(), labels);
    }
}
