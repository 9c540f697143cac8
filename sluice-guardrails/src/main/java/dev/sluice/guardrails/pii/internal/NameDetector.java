package dev.sluice.guardrails.pii.internal;

import dev.sluice.guardrails.pii.PiiType;
import java.util.List;
import java.util.Set;

/**
 * NAME: people's names, found with word lists and the words around them (no model). A run of up to three
 * capitalised words joined by spaces is a name when
 * <ul>
 *   <li>a title comes before it ({@code Dr.}, {@code Mrs}): confidence 0.9, the title left out of the span;</li>
 *   <li>a cue comes before it ({@code my name is}, {@code Dear}, {@code ask for}, {@code Regards,}): 0.85;</li>
 *   <li>it starts with a known given name and has a second word: 0.85 (a given name that is also a word or a place,
 *       such as May, Grace or Austin, needs a known family name after it);</li>
 *   <li>it starts with an unknown capitalised word followed by a known family name, inside a sentence: 0.7;</li>
 *   <li>it is a known given name alone: 0.75 inside a sentence, 0.6 at its start; never for the ambiguous ones.</li>
 * </ul>
 * A run right after "the", or followed by a word that names a place or an organisation (Street, University, Bank,
 * Station, ...), is not a name ("the Washington Post", "Lincoln Center"). A possessive {@code 's} is left out.
 * Stateless and thread-safe; linear in the text's length.
 */
final class NameDetector implements Detector {

    private static final Set<String> TITLES = Set.of("mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir",
            "madam", "dame", "lady", "lord");
    /** Single words right before a name that say a person follows. */
    private static final Set<String> CUES = Set.of("name", "named", "called", "dear", "hello", "hi", "hey",
            "regards", "thanks", "sincerely", "wishes", "signed", "tell", "ask", "contact", "cardholder", "client",
            "beneficiary", "attention", "from", "husband", "wife", "son", "daughter", "colleague", "manager",
            "landlord", "friend", "patient", "passenger", "employee", "witness", "intern", "nurse", "driver",
            "advisor", "guide", "plumber", "author", "student", "tenant", "host", "winner", "greet", "notify",
            "cc", "with", "by", "for", "to", "is", "am", "i'm", "this");
    /** Cues that are too common to name a person on their own: they count only before a known name. */
    private static final Set<String> WEAK_CUES = Set.of("with", "by", "for", "to", "is", "from", "this");
    /** Words that, right after a capitalised run, make it a place or an organisation. */
    private static final Set<String> NOT_PEOPLE = Set.of("street", "st", "road", "rd", "avenue", "ave", "lane",
            "drive", "boulevard", "blvd", "court", "place", "square", "way", "terrace", "close", "crescent", "walk",
            "university", "college", "school", "hospital", "bank", "center", "centre", "station", "bridge", "river",
            "ocean", "lake", "park", "hotel", "airport", "post", "times", "group", "team", "prize", "report", "line",
            "inc", "ltd", "llc", "corp", "company", "foundation", "institute", "museum", "church", "county", "city",
            "harbour", "harbor", "mountain", "valley", "island", "plant", "motors", "airlines", "cross", "five");
    /** Capitalised words that are not names however they are placed. */
    private static final Set<String> NEVER = Set.of("customer", "customers", "team", "all", "everyone", "sir",
            "madam", "colleagues", "friends", "user", "valued", "the", "a", "an", "i", "please", "thank", "thanks");

    private static final double TITLED = 0.9;
    private static final double CUED = 0.85;
    private static final double FULL = 0.85;
    private static final double FAMILY_LED = 0.7;
    private static final double GIVEN_ALONE = 0.75;
    private static final double GIVEN_ALONE_AT_START = 0.6;

    private static final String TYPE = PiiType.NAME.name();

    private final Gazetteer names = Gazetteer.shared();

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public void detect(TextScan scan, List<Candidate> out) {
        List<WordTokens.Word> words = scan.words();
        int i = 0;
        while (i < words.size()) {
            int next = tryAt(words, i, out);
            i = next > i ? next : i + 1;
        }
    }

    /** Looks for a name starting at word {@code i} (or right after a title there); returns the index after it. */
    private int tryAt(List<WordTokens.Word> words, int i, List<Candidate> out) {
        WordTokens.Word w = words.get(i);
        if (w.capitalised() && TITLES.contains(w.lower()) && i + 1 < words.size()) {
            WordTokens.Word after = words.get(i + 1);
            boolean close = after.gap().strip().isEmpty() || after.gap().strip().equals(".");
            if (close && after.capitalised() && !NEVER.contains(after.lower())) {
                int end = run(words, i + 1);
                return emit(words, i + 1, end, TITLED, out);
            }
            return i + 1;
        }
        if (!w.capitalised() || NEVER.contains(w.lower()) || followsThe(words, i)) {
            return i + 1;
        }
        int end = run(words, i);
        if (end < words.size() && NOT_PEOPLE.contains(words.get(end).lower()) && words.get(end).joined()) {
            return end;
        }
        String first = given(w);
        boolean known = names.givenNames.contains(first);
        boolean ambiguous = names.ambiguous.contains(first);
        String cue = cue(words, i);
        boolean familyAfter = end - i >= 2 && names.familyNames.contains(words.get(i + 1).lower());
        if (cue != null && (!WEAK_CUES.contains(cue) || known || familyAfter)) {
            return emit(words, i, end, CUED, out);
        }
        if (known && end - i >= 2 && (!ambiguous || familyAfter)) {
            return emit(words, i, end, FULL, out);
        }
        if (!known && familyAfter && !w.startsSentence()) {
            return emit(words, i, end, FAMILY_LED, out);
        }
        if (known && !ambiguous && end - i == 1) {
            return emit(words, i, end, w.startsSentence() ? GIVEN_ALONE_AT_START : GIVEN_ALONE, out);
        }
        return i + 1;
    }

    /** The end (exclusive) of the run of up to three capitalised words joined by spaces from word {@code i}. */
    private static int run(List<WordTokens.Word> words, int i) {
        int end = i + 1;
        while (end < words.size() && end - i < 3) {
            WordTokens.Word w = words.get(end);
            if (!w.joined() || !w.capitalised() || NOT_PEOPLE.contains(w.lower()) || NEVER.contains(w.lower())) {
                break;
            }
            end++;
        }
        return end;
    }

    private int emit(List<WordTokens.Word> words, int from, int to, double confidence, List<Candidate> out) {
        WordTokens.Word last = words.get(to - 1);
        int end = last.end();
        String lower = last.lower();
        if (lower.endsWith("'s") || lower.endsWith("’s")) {
            end -= 2;
        }
        out.add(new Candidate(TYPE, words.get(from).start(), end, confidence, false));
        return to;
    }

    /** The given name to look up: the word without a possessive, and its first part when hyphenated. */
    private static String given(WordTokens.Word w) {
        String s = w.lower();
        if (s.endsWith("'s") || s.endsWith("’s")) {
            s = s.substring(0, s.length() - 2);
        }
        int hyphen = s.indexOf('-');
        return hyphen > 0 ? s.substring(0, hyphen) : s;
    }

    /** The cue word right before word {@code i} (a comma or colon may stand between), or null. */
    private static String cue(List<WordTokens.Word> words, int i) {
        if (i == 0) {
            return null;
        }
        String gap = words.get(i).gap().strip();
        if (!gap.isEmpty() && !gap.equals(",") && !gap.equals(":")) {
            return null;
        }
        String before = words.get(i - 1).lower();
        return CUES.contains(before) ? before : null;
    }

    private static boolean followsThe(List<WordTokens.Word> words, int i) {
        return i > 0 && words.get(i - 1).lower().equals("the") && words.get(i).joined();
    }
}
