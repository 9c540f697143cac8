package dev.sluice.guardrails.pii;

/**
 * Bedrock's structured PII entity types that Sluice detects, each by its shape and what its format allows (checksums,
 * ranges, country tables) and, where the shape alone says too little, by context words nearby; and NAME and ADDRESS,
 * which have no fixed shape, by word lists, cues and street patterns ({@link #isStructured()} is false for them). The
 * context types (PASSWORD, PIN, USERNAME, AGE, LICENSE_PLATE, US_BANK_ACCOUNT_NUMBER, DRIVER_ID, CA_HEALTH_NUMBER,
 * UK_UNIQUE_TAXPAYER_REFERENCE_NUMBER) are values read right after their cue words, never from their shape alone. The constant names are Bedrock's, and are
 * the placeholders' names ({@code {EMAIL}}).
 */
public enum PiiType {
    EMAIL,
    PHONE,
    CREDIT_DEBIT_CARD_NUMBER,
    /** Only next to context words such as "CVV" or "security code". */
    CREDIT_DEBIT_CARD_CVV,
    /** Only next to context words such as "expires" or "exp". */
    CREDIT_DEBIT_CARD_EXPIRY,
    US_SOCIAL_SECURITY_NUMBER,
    INTERNATIONAL_BANK_ACCOUNT_NUMBER,
    IP_ADDRESS,
    MAC_ADDRESS,
    URL,
    AWS_ACCESS_KEY,
    /** Only next to context words such as "secret access key". */
    AWS_SECRET_KEY,
    US_BANK_ROUTING_NUMBER,
    SWIFT_CODE,
    UK_NATIONAL_HEALTH_SERVICE_NUMBER,
    UK_NATIONAL_INSURANCE_NUMBER,
    CA_SOCIAL_INSURANCE_NUMBER,
    /** Only next to context words such as "passport". */
    US_PASSPORT_NUMBER,
    VEHICLE_IDENTIFICATION_NUMBER,
    /** 9XX-YY-ZZZZ with the IRS's group ranges (50-65, 70-88, 90-92, 94-99); bare nine digits only with "ITIN". */
    US_INDIVIDUAL_TAX_IDENTIFICATION_NUMBER,
    /** The value after a password cue ("password:", "pwd=", "passcode", a config key) or in a URL's user information. */
    PASSWORD,
    /** Four to eight digits right after a PIN cue ("PIN", "PIN code", "my PIN is"). */
    PIN,
    /**
     * The value after a user-name cue ("username:", "login", "user id", {@code user=}), an {@code @handle} near a
     * platform's name, or the user of a URL's user information; never an e-mail address.
     */
    USERNAME,
    /** A person's age: a number with age phrasing ("34 years old", "aged 52", "age: 41", "a 7-year-old", "45 y/o"). */
    AGE,
    /** A plate's characters (US, UK, EU shapes) after a plate cue ("plate", "registration", "reg", "tag:"). */
    LICENSE_PLATE,
    /** 4 to 17 digits (hyphens allowed) after a bank-account cue ("account number", "checking account", "acct:"). */
    US_BANK_ACCOUNT_NUMBER,
    /** A driver's licence number (5 to 20 letters, digits and hyphens, at least 4 digits) after a licence cue. */
    DRIVER_ID,
    /** A Canadian health card number (10 digits, 4-3-3, an optional version code; or RAMQ's 4 letters and 8 digits). */
    CA_HEALTH_NUMBER,
    /** A UK Unique Taxpayer Reference (10 digits, or 5 and 5, an optional K) after a UTR cue. */
    UK_UNIQUE_TAXPAYER_REFERENCE_NUMBER,
    /** People's names: given and family name lists, titles and cues ("my name is", "Dear"). */
    NAME,
    /** Postal addresses: street lines (number, name, street word), post-office boxes, towns and postcodes. */
    ADDRESS;

    /**
     * Whether the type is found by the built-in scanners that always run: those of fixed shapes (checksums, formats)
     * and of values next to cue words (PASSWORD, PIN, ...); NAME and ADDRESS are not, and are looked for only when a
     * policy asks for them.
     */
    public boolean isStructured() {
        return this != NAME && this != ADDRESS;
    }

    /**
     * Whether the type is a value read next to its cue words (PASSWORD, PIN, ...), whose accuracy depends on how
     * people phrase things more than on a format: the accuracy targets are for the other structured types.
     */
    public boolean isContextual() {
        return switch (this) {
            case PASSWORD, PIN, USERNAME, AGE, LICENSE_PLATE, US_BANK_ACCOUNT_NUMBER, DRIVER_ID, CA_HEALTH_NUMBER,
                 UK_UNIQUE_TAXPAYER_REFERENCE_NUMBER -> true;
            default -> false;
        };
    }
}
