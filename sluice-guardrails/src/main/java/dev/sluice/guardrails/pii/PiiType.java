package dev.sluice.guardrails.pii;

/**
 * Bedrock's structured PII entity types that Sluice detects, each by its shape and what its format allows (checksums,
 * ranges, country tables) and, where the shape alone says too little, by context words nearby. Bedrock's NAME,
 * ADDRESS, USERNAME, PASSWORD, PIN, AGE and LICENSE_PLATE need language models or context beyond a pattern and are not
 * here yet. The constant names are Bedrock's, and are the placeholders' names ({@code {EMAIL}}).
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
    VEHICLE_IDENTIFICATION_NUMBER
}
