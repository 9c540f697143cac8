package dev.sluice.guardrails.pii.internal;

import dev.sluice.guardrails.pii.PiiType;
import java.util.List;
import java.util.Set;

/**
 * ADDRESS: postal addresses, by their shape (no model). A street line is one of
 * <ul>
 *   <li>a house number ({@code 12}, {@code 221B}), one to four capitalised words (or ordinals, {@code 72nd}) and a
 *       street word ({@code Street}, {@code Ave}, {@code Lane}, ...), optionally a direction ({@code NW},
 *       {@code West});</li>
 *   <li>a house number and a Romance street word with its name ({@code 17 Rue de Rivoli}, {@code 4 Calle Mayor});</li>
 *   <li>a German street name and its number ({@code Hauptstraße 12});</li>
 *   <li>a post-office box ({@code P.O. Box 4521}).</li>
 * </ul>
 * The span goes on over what follows after a comma: a unit ({@code Apt 4B}, {@code Suite 200}), a town (one to three
 * capitalised words, or a numeric postcode and a town), a state or province code and a ZIP or postcode
 * ({@code CA 94043}, {@code NW1 6XE}, {@code M5H 2N2}). Street words must be capitalised, so "5 miles down the road"
 * is not an address. Stateless and thread-safe; linear in the text's length.
 */
final class AddressDetector implements Detector {

    private static final Set<String> STREET_WORDS = Set.of("street", "st", "avenue", "ave", "road", "rd", "lane",
            "ln", "drive", "dr", "boulevard", "blvd", "court", "ct", "place", "pl", "way", "terrace", "close",
            "crescent", "square", "parkway", "pkwy", "highway", "hwy", "loop", "hill", "view", "gardens", "walk",
            "rise", "row", "mews", "grove", "circle", "cir", "trail", "plaza");
    private static final Set<String> ROMANCE_WORDS = Set.of("rue", "avenue", "boulevard", "place", "chemin", "calle",
            "via", "viale", "piazza", "rua", "avenida", "carrer", "paseo", "plaza", "corso");
    private static final Set<String> CONNECTORS = Set.of("de", "du", "des", "la", "le", "les", "di", "del", "della",
            "da", "dos", "das", "do", "el");
    private static final String[] GERMAN_ENDINGS = {"straße", "strasse", "weg", "gasse", "platz", "allee", "damm",
            "ring", "gate"};
    private static final Set<String> DIRECTIONS = Set.of("n", "s", "e", "w", "ne", "nw", "se", "sw", "north",
            "south", "east", "west");
    private static final Set<String> UNITS = Set.of("apt", "apartment", "suite", "unit", "flat", "floor");

    private static final String TYPE = PiiType.ADDRESS.name();
    private static final double STREET = 0.85;
    private static final double BOX = 0.9;

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public void detect(TextScan scan, List<Candidate> out) {
        List<WordTokens.Word> words = scan.words();
        int i = 0;
        while (i < words.size()) {
            int end = street(words, i);
            double confidence = STREET;
            if (end < 0) {
                end = box(words, i);
                confidence = BOX;
            }
            if (end > i) {
                end = extend(words, end);
                out.add(new Candidate(TYPE, words.get(i).start(), words.get(end - 1).end(), confidence, false));
                i = end;
            } else {
                i++;
            }
        }
    }

    /** The end of a street line starting at word {@code i}, or -1. */
    private static int street(List<WordTokens.Word> words, int i) {
        WordTokens.Word w = words.get(i);
        if (houseNumber(w)) {
            int romance = romance(words, i + 1);
            if (romance > 0) {
                return romance;
            }
            int k = i + 1;
            while (k < words.size() && k - i <= 5 && words.get(k).joined()) {
                WordTokens.Word part = words.get(k);
                if (k > i + 1 && STREET_WORDS.contains(part.lower()) && part.capitalised()) {
                    return direction(words, k + 1);
                }
                if (part.capitalised() && germanEnding(part.lower())) {
                    return k + 1;
                }
                if (!part.capitalised() && !ordinal(part)) {
                    return -1;
                }
                k++;
            }
            return -1;
        }
        if (w.capitalised() && germanEnding(w.lower()) && i + 1 < words.size() && words.get(i + 1).joined()
                && houseNumber(words.get(i + 1))) {
            return i + 2;
        }
        return -1;
    }

    /** A Romance street ({@code Rue de la Paix}) from word {@code k}: its end, or -1. */
    private static int romance(List<WordTokens.Word> words, int k) {
        if (k >= words.size() || !words.get(k).joined() || !words.get(k).capitalised()
                || !ROMANCE_WORDS.contains(words.get(k).lower())) {
            return -1;
        }
        int j = k + 1;
        while (j < words.size() && words.get(j).joined() && CONNECTORS.contains(words.get(j).lower()) && j - k < 3) {
            j++;
        }
        if (j < words.size() && words.get(j).joined() && words.get(j).capitalised()) {
            return j + 1;
        }
        return -1;
    }

    private static int box(List<WordTokens.Word> words, int i) {
        int j = i;
        if (words.get(j).lower().equals("p") && j + 1 < words.size() && words.get(j + 1).lower().equals("o")) {
            j += 2;
        } else if (words.get(j).lower().equals("po")) {
            j += 1;
        } else {
            return -1;
        }
        if (j + 1 < words.size() && words.get(j).lower().equals("box") && houseNumber(words.get(j + 1))) {
            return j + 2;
        }
        return -1;
    }

    private static int direction(List<WordTokens.Word> words, int k) {
        if (k < words.size() && words.get(k).joined() && DIRECTIONS.contains(words.get(k).lower())
                && Character.isUpperCase(words.get(k).text().charAt(0))) {
            return k + 1;
        }
        return k;
    }

    /** Extends a street line over a unit, a town, a state code and a postcode that follow it. */
    private static int extend(List<WordTokens.Word> words, int end) {
        int e = end;
        if (comma(words, e) && e + 1 < words.size() && UNITS.contains(words.get(e).lower())
                && words.get(e + 1).joined() && Character.isLetterOrDigit(words.get(e + 1).text().charAt(0))) {
            e += 2;
        }
        if (!comma(words, e)) {
            return e;
        }
        int t = e;
        if (t < words.size() && postcodeDigits(words.get(t)) && t + 1 < words.size() && words.get(t + 1).joined()
                && words.get(t + 1).capitalised()) {
            return t + 2;
        }
        int town = t;
        while (town < words.size() && town - t < 3 && words.get(town).capitalised()
                && (town == t || words.get(town).joined())) {
            town++;
        }
        if (town == t) {
            return e;
        }
        return postcode(words, town);
    }

    /** After a town: an optional state code and a ZIP or postcode (or a district number, "Dublin 2"). */
    private static int postcode(List<WordTokens.Word> words, int k) {
        int j = k;
        if (j < words.size() && (words.get(j).joined() || comma(words, j)) && stateCode(words.get(j))) {
            j++;
        }
        if (j < words.size() && words.get(j).joined() && houseNumber(words.get(j))) {
            return j + 1;
        }
        if (j + 1 < words.size() && words.get(j).joined() && outward(words.get(j).text())
                && words.get(j + 1).joined() && inward(words.get(j + 1).text())) {
            return j + 2;
        }
        return j;
    }

    private static boolean comma(List<WordTokens.Word> words, int k) {
        return k < words.size() && words.get(k).gap().strip().equals(",");
    }

    private static boolean houseNumber(WordTokens.Word w) {
        String s = w.text();
        int digits = 0;
        while (digits < s.length() && Character.isDigit(s.charAt(digits))) {
            digits++;
        }
        if (digits == 0 || digits > 5) {
            return false;
        }
        String rest = s.substring(digits);
        return rest.isEmpty() || (rest.length() == 1 && Character.isLetter(rest.charAt(0)))
                || (rest.startsWith("-") && rest.length() <= 5 && rest.substring(1).chars().allMatch(Character::isDigit));
    }

    private static boolean postcodeDigits(WordTokens.Word w) {
        int n = w.text().length();
        return n >= 4 && n <= 5 && w.text().chars().allMatch(Character::isDigit);
    }

    private static boolean ordinal(WordTokens.Word w) {
        String s = w.lower();
        return w.digits() && (s.endsWith("st") || s.endsWith("nd") || s.endsWith("rd") || s.endsWith("th"));
    }

    private static boolean germanEnding(String lower) {
        for (String ending : GERMAN_ENDINGS) {
            if (lower.length() > ending.length() + 2 && lower.endsWith(ending)) {
                return true;
            }
        }
        return false;
    }

    private static boolean stateCode(WordTokens.Word w) {
        String s = w.text();
        return s.length() >= 2 && s.length() <= 3 && s.chars().allMatch(c -> c >= 'A' && c <= 'Z');
    }

    /** A UK or Canadian postcode's first half: a letter, then letters and digits with a digit ({@code EC4N}). */
    private static boolean outward(String s) {
        return s.length() >= 2 && s.length() <= 4 && Character.isUpperCase(s.charAt(0))
                && s.chars().anyMatch(Character::isDigit)
                && s.chars().allMatch(c -> (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'));
    }

    /** Its second half: a digit and two letters or a letter and a digit ({@code 6XE}, {@code 2N2}). */
    private static boolean inward(String s) {
        return s.length() == 3 && Character.isDigit(s.charAt(0)) && Character.isUpperCase(s.charAt(1))
                && (Character.isUpperCase(s.charAt(2)) || Character.isDigit(s.charAt(2)));
    }
}
