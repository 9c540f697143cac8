package dev.sluice.guardrails.pii.internal;

/**
 * What a text must hold for a detector to find anything in it, as bits: a detector's {@link Detector#needs} is the
 * union of those its format requires, a text's {@link TextScan#features} those it has (counted once, see
 * {@link CharCounts}), and a detector whose needs the text lacks is not run at all. Each bound is the format's own
 * minimum, so no candidate is lost (DetectorNeedsTest runs every detector on every corpus text to hold them to it).
 */
final class Needs {

    /** A digit: formats read from the text's digit runs. */
    static final long DIGIT = 1L;
    /** Two digits: a card's expiry (a month and a year). */
    static final long DIGITS_2 = 1L << 1;
    /** Four digits and three dots: an IPv4 address. */
    static final long DOTTED_QUAD = 1L << 2;
    /** Seven digits: a phone number. */
    static final long DIGITS_7 = 1L << 3;
    /** Two capitals side by side and two digits: an IBAN (country code, check digits). */
    static final long UPPER_PAIR_DIGITS_2 = 1L << 4;
    /** Two capitals side by side and six digits: a UK National Insurance number. */
    static final long UPPER_PAIR_DIGITS_6 = 1L << 5;
    /** Two colons: an IPv6 address. */
    static final long COLONS_2 = 1L << 6;
    /** Five colons or hyphens, or two dots five apart: a MAC address. */
    static final long MAC_SHAPE = 1L << 7;
    /** A colon ({@code ://}) or {@code www.}: a URL. */
    static final long URL_SHAPE = 1L << 8;
    /** Eight capitals and digits in a row: a SWIFT code. */
    static final long RUN_8 = 1L << 9;
    /** Seventeen capitals and digits in a row: a VIN. */
    static final long RUN_17 = 1L << 10;
    /** Twenty capitals and digits in a row: an AWS access key. */
    static final long RUN_20 = 1L << 11;
    /** Forty base64 characters in a row: an AWS secret key. */
    static final long BASE64_40 = 1L << 12;
    /** An {@code @}: an e-mail address. */
    static final long AT = 1L << 13;

    private Needs() { }
}
