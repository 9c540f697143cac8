package dev.sluice.guardrails.apply;

import dev.sluice.guardrails.Verdict;
import dev.sluice.guardrails.definition.GuardrailConfig;
import dev.sluice.guardrails.pii.Finding;
import dev.sluice.guardrails.pii.PiiType;
import dev.sluice.guardrails.pii.SensitiveInformationResult;
import dev.sluice.guardrails.words.WordFinding;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A guardrail definition made ready to check texts: the filters of its input side and of its output side, built once
 * (compiling regexes, loading the profanity list). Immutable and thread-safe; {@link #check} does no I/O, never throws
 * on any text and takes time linear in the texts' length.
 */
public final class CompiledGuardrail {

    private final GuardrailConfig config;
    private final Map<Source, SideFilters> sides = new EnumMap<>(Source.class);

    /** @throws IllegalArgumentException if the definition cannot be compiled (it was checked when it was made) */
    public CompiledGuardrail(GuardrailConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        for (Source source : Source.values()) {
            sides.put(source, SideFilters.of(config, source));
        }
    }

    public GuardrailConfig config() { return config; }

    /** Checks {@code blocks} as text from {@code source}. */
    public Assessment check(Source source, List<TextBlock> blocks) {
        SideFilters side = sides.get(source);
        List<Assessment.PiiMatch> pii = new ArrayList<>();
        List<Assessment.RegexMatch> regexes = new ArrayList<>();
        List<Assessment.WordMatch> words = new ArrayList<>();
        Set<PiiType> seen = EnumSet.noneOf(PiiType.class);
        List<String> masked = new ArrayList<>(blocks.size());
        Verdict verdict = Verdict.NONE;
        int guarded = 0;
        int total = 0;
        int units = 0;
        for (TextBlock block : blocks) {
            String text = block.text();
            total += text.length();
            if (!block.guarded()) {
                masked.add(text);
                continue;
            }
            guarded += text.length();
            units += Math.max(1, (text.length() + 999) / 1000);
            if (side.pii() != null) {
                SensitiveInformationResult r = side.pii().check(text);
                verdict = verdict.and(r.verdict());
                text = r.text();
                for (Finding f : r.findings()) {
                    String pattern = side.regexPatterns().get(f.type());
                    if (pattern != null) {
                        regexes.add(new Assessment.RegexMatch(f.type(), pattern, f.text(), f.action()));
                    } else {
                        PiiType type = PiiType.valueOf(f.type());
                        seen.add(type);
                        pii.add(new Assessment.PiiMatch(type, f.text(), f.action()));
                    }
                }
            }
            for (var filter : side.words()) {
                var r = filter.check(block.text());
                verdict = verdict.and(r.verdict());
                for (WordFinding w : r.findings()) {
                    words.add(new Assessment.WordMatch(w.match(), w.list(), w.action()));
                }
            }
            masked.add(text);
        }
        List<PiiType> undetected = side.types().stream().filter(t -> !seen.contains(t)).toList();
        boolean entities = side.pii() != null && !side.types().isEmpty();
        boolean regexesOnly = side.pii() != null && side.types().isEmpty();
        Assessment.Usage usage = new Assessment.Usage(entities ? units : 0, regexesOnly ? units : 0,
                side.words().isEmpty() ? 0 : units);
        List<String> outputs = switch (verdict) {
            case BLOCKED -> List.of(source == Source.INPUT ? config.blockedInputMessaging()
                    : config.blockedOutputsMessaging());
            case ANONYMIZED -> masked;
            case NONE -> List.of();
        };
        return new Assessment(verdict, outputs, pii, regexes, words, undetected, usage, guarded, total);
    }
}
