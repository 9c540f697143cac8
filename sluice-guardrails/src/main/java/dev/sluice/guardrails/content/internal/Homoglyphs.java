package dev.sluice.guardrails.content.internal;

/**
 * Cyrillic and Greek letters that look like Latin ones, folded to the Latin letter. Used only inside a word that
 * mixes scripts, so that Russian or Greek text stays as it is.
 */
final class Homoglyphs {

    private static final String FROM = "аеорсухіјѕԁһӏԛԝвкмнтпьαβεικνορτυχζη";
    private static final String TO = "aeopcyxijsdhlqwbkmhtnbabeiknoptuxzn";

    private Homoglyphs() { }

    /** The Latin look-alike of a lower-case letter, or the letter itself. */
    static int fold(int cp) {
        int i = cp < 0x370 ? -1 : FROM.indexOf(cp);
        return i < 0 ? cp : TO.charAt(i);
    }

    static boolean isLatin(int cp) {
        return cp < 0x250 && Character.isLetter(cp);
    }

    static boolean isCyrillicOrGreek(int cp) {
        return cp >= 0x370 && cp < 0x530 && Character.isLetter(cp);
    }
}
