package dev.sluice.guardrails.pii.internal;

import dev.sluice.guardrails.internal.PhraseMatcher;
import dev.sluice.guardrails.pii.PiiType;
import java.util.List;

/**
 * The cue words of the context types (PASSWORD, PIN, USERNAME, AGE, LICENSE_PLATE, and the identifiers read after
 * a label: US_BANK_ACCOUNT_NUMBER, DRIVER_ID, CA_HEALTH_NUMBER, UK_UNIQUE_TAXPAYER_REFERENCE_NUMBER), all in one matcher so that one
 * pass over a text finds every type's cues (see {@link TextScan#cues}); these detectors read values only next to a
 * cue, so a text without cues costs that pass and nothing more. Words match whole, ignoring case, full-width forms
 * and invisible characters ({@code PhraseMatcher}).
 */
final class Cues {

    /** What a cue says about where its value is. */
    enum Kind {
        /** The value follows the cue, after an optional separator or "is" ({@code password: x}, {@code my PIN is 4821}). */
        LABEL,
        /** The value follows only after {@code :} or {@code =} (words too common alone: {@code user=bob}, {@code pw: x}). */
        KEY,
        /** The value is the number just before the cue ({@code 34 years old}, {@code a 7-year-old}). */
        AFTER_NUMBER,
        /** A platform or social word: an {@code @handle} nearby is a username. */
        PLATFORM
    }

    /** One cue: the type it speaks for and how its value is placed. */
    record Cue(PiiType type, Kind kind) { }

    private Cues() { }

    /** Builds the matcher; called once when the built-in detectors are made. Immutable and shareable. */
    static PhraseMatcher<Cue> matcher() {
        PhraseMatcher.Builder<Cue> b = PhraseMatcher.builder();
        add(b, PiiType.PASSWORD, Kind.LABEL, "password", "passwords", "passwd", "pwd", "passcode", "passphrase",
                "pgpassword", "mysql pwd", "mot de passe", "contraseña", "passwort", "kennwort", "senha",
                "wachtwoord", "wifi key", "wi-fi key", "wpa key", "network key");
        add(b, PiiType.PASSWORD, Kind.KEY, "pass", "pw", "pswd");
        add(b, PiiType.PIN, Kind.LABEL, "pin", "pin code", "pin number", "pincode", "pin no", "sim pin",
                "atm pin", "card pin", "code pin");
        add(b, PiiType.USERNAME, Kind.LABEL, "username", "user name", "login", "login name", "login id", "user id",
                "userid", "handle", "screen name", "account name", "nom d'utilisateur", "benutzername",
                "usuario", "gamertag");
        add(b, PiiType.USERNAME, Kind.KEY, "user", "uid", "usr");
        add(b, PiiType.USERNAME, Kind.PLATFORM, "twitter", "instagram", "insta", "tiktok", "github", "gitlab",
                "telegram", "reddit", "mastodon", "threads", "bluesky", "snapchat", "discord", "slack", "youtube",
                "twitch", "follow me", "dm me", "handle");
        add(b, PiiType.AGE, Kind.LABEL, "age", "aged", "âge", "edad");
        add(b, PiiType.AGE, Kind.AFTER_NUMBER, "years old", "year old", "yrs old", "yr old", "y o", "yo",
                "years of age", "years young", "jahre alt");
        add(b, PiiType.LICENSE_PLATE, Kind.LABEL, "plate", "plates", "license plate", "licence plate",
                "number plate", "plate number", "registration", "registration number", "reg", "reg no", "tag number",
                "license tag", "licence tag", "kennzeichen", "immatriculation", "matrícula", "targa", "kenteken");
        add(b, PiiType.LICENSE_PLATE, Kind.KEY, "tag", "tags");
        add(b, PiiType.US_BANK_ACCOUNT_NUMBER, Kind.LABEL, "account number", "account no", "account num",
                "acct number", "acct no", "acct num", "bank account", "bank account number", "bank acct",
                "checking account", "checking account number", "checking acct", "savings account",
                "savings account number", "savings acct", "deposit account", "direct deposit account",
                "numéro de compte", "kontonummer", "número de cuenta");
        add(b, PiiType.US_BANK_ACCOUNT_NUMBER, Kind.KEY, "acct");
        add(b, PiiType.DRIVER_ID, Kind.LABEL, "driver's license", "drivers license", "driver license",
                "driver's licence", "drivers licence", "driver licence", "driving licence", "driving license",
                "driver's license number", "drivers license number", "driver license number",
                "driving licence number", "driver's licence number", "dl number", "dl no", "license no",
                "licence no", "permis de conduire", "führerschein", "führerscheinnummer", "licencia de conducir");
        add(b, PiiType.DRIVER_ID, Kind.KEY, "dl");
        add(b, PiiType.CA_HEALTH_NUMBER, Kind.LABEL, "health card", "health card number", "health card no",
                "health number", "health insurance number", "ohip", "ohip number", "ohip no", "ramq",
                "ramq number", "carte soleil", "carte d'assurance maladie", "numéro d'assurance maladie",
                "personal health number", "phn", "care card", "health services number", "health care number",
                "provincial health number", "ahcip");
        add(b, PiiType.UK_UNIQUE_TAXPAYER_REFERENCE_NUMBER, Kind.LABEL, "utr", "utr number", "utr no",
                "unique taxpayer reference", "unique taxpayer reference number", "unique tax reference",
                "taxpayer reference", "tax reference", "tax reference number", "self assessment utr", "sa utr",
                "corporation tax utr", "ct utr");
        return b.build();
    }

    private static void add(PhraseMatcher.Builder<Cue> b, PiiType type, Kind kind, String... phrases) {
        Cue cue = new Cue(type, kind);
        for (String phrase : phrases) {
            b.add(phrase, cue);
        }
    }

    /** The hits of one type's cues among a text's cue hits, in the order of their end. */
    static List<PhraseMatcher.Hit<Cue>> of(PiiType type, List<PhraseMatcher.Hit<Cue>> hits) {
        if (hits.isEmpty()) {
            return hits;
        }
        return hits.stream().filter(h -> h.payload().type() == type).toList();
    }
}
