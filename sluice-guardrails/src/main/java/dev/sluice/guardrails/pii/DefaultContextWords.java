package dev.sluice.guardrails.pii;

import static dev.sluice.guardrails.pii.PiiType.*;

import java.util.List;
import java.util.Map;

/** The shipped context words: English, lower case (matching ignores case), phrases as several words. */
final class DefaultContextWords {

    static final Map<PiiType, List<String>> SUPPORTING = Map.ofEntries(
            Map.entry(EMAIL, List.of("email", "e-mail", "mail", "contact", "address", "inbox")),
            Map.entry(PHONE, List.of("phone", "telephone", "tel", "mobile", "cell", "call", "fax", "whatsapp",
                    "text me", "landline", "hotline", "dial", "ring")),
            Map.entry(CREDIT_DEBIT_CARD_NUMBER, List.of("card", "credit", "debit", "visa", "mastercard", "amex",
                    "american express", "discover", "jcb", "diners", "maestro", "pan", "cc")),
            Map.entry(CREDIT_DEBIT_CARD_CVV, List.of("cvv", "cvv2", "cvc", "cvc2", "cid", "csc", "security code",
                    "card verification", "verification code", "verification value")),
            Map.entry(CREDIT_DEBIT_CARD_EXPIRY, List.of("exp", "expiry", "expires", "expire", "expiring",
                    "expiration", "valid thru", "valid through", "good thru", "valid until", "mm yy")),
            Map.entry(US_SOCIAL_SECURITY_NUMBER, List.of("ssn", "ssns", "social security", "social sec",
                    "ss number", "ss no")),
            Map.entry(INTERNATIONAL_BANK_ACCOUNT_NUMBER, List.of("iban", "account", "bank", "transfer", "sepa",
                    "wire")),
            Map.entry(IP_ADDRESS, List.of("ip", "ipv4", "ipv6", "server", "host", "address", "ping", "gateway",
                    "subnet", "firewall")),
            Map.entry(MAC_ADDRESS, List.of("mac", "hardware address", "ethernet", "wifi", "wi-fi", "nic",
                    "bssid", "device")),
            Map.entry(URL, List.of("url", "link", "website", "site", "visit", "page")),
            Map.entry(AWS_ACCESS_KEY, List.of("aws", "access key", "access key id", "iam", "credentials")),
            Map.entry(AWS_SECRET_KEY, List.of("secret access key", "aws secret", "secret key", "secret",
                    "aws_secret_access_key", "secretaccesskey")),
            Map.entry(US_BANK_ROUTING_NUMBER, List.of("routing", "aba", "rtn", "transit number", "ach",
                    "fedwire", "routing number")),
            Map.entry(SWIFT_CODE, List.of("swift", "bic", "bank identifier", "bank code", "wire", "bank")),
            Map.entry(UK_NATIONAL_HEALTH_SERVICE_NUMBER, List.of("nhs", "national health service",
                    "health service", "patient", "gp", "hospital number", "nhs no")),
            Map.entry(UK_NATIONAL_INSURANCE_NUMBER, List.of("national insurance", "nino", "ni number", "ni no",
                    "hmrc")),
            Map.entry(CA_SOCIAL_INSURANCE_NUMBER, List.of("sin", "social insurance", "assurance sociale", "nas",
                    "service canada", "cra")),
            Map.entry(US_PASSPORT_NUMBER, List.of("passport", "passports", "passport no", "travel document")),
            Map.entry(VEHICLE_IDENTIFICATION_NUMBER, List.of("vin", "vehicle", "chassis", "car", "truck",
                    "motorcycle", "vehicle identification")),
            Map.entry(US_INDIVIDUAL_TAX_IDENTIFICATION_NUMBER, List.of("itin", "itins",
                    "individual taxpayer", "taxpayer identification", "tax id", "tax identification", "irs",
                    "w-7", "1040")),
            // the context types find their own cues; these words only settle ties with look-alikes (a PIN after
            // "CVV ... PIN" is a PIN) and make the findings confident
            Map.entry(PASSWORD, List.of("password", "passwd", "pwd", "passcode", "passphrase", "pass", "pw")),
            Map.entry(PIN, List.of("pin", "pin code", "pincode")),
            Map.entry(USERNAME, List.of("username", "user name", "login", "user id", "userid", "handle", "user")),
            Map.entry(AGE, List.of("age", "aged", "years old", "year old", "y o", "yo", "years of age")),
            Map.entry(LICENSE_PLATE, List.of("plate", "license plate", "licence plate", "number plate",
                    "registration", "reg", "tag")),
            Map.entry(US_BANK_ACCOUNT_NUMBER, List.of("account number", "acct", "checking", "savings",
                    "bank account", "direct deposit")),
            Map.entry(DRIVER_ID, List.of("driver's license", "drivers license", "driver license", "driving licence",
                    "driver's licence", "dl")),
            Map.entry(CA_HEALTH_NUMBER, List.of("health card", "ohip", "ramq", "health number", "phn",
                    "health insurance number")),
            Map.entry(UK_UNIQUE_TAXPAYER_REFERENCE_NUMBER, List.of("utr", "unique taxpayer reference",
                    "taxpayer reference", "tax reference", "self assessment")));

    static final Map<PiiType, List<String>> OPPOSING = Map.ofEntries(
            Map.entry(PHONE, List.of("order", "invoice", "isbn", "tracking", "serial", "reference", "ref",
                    "ticket", "nhs", "sin")),
            Map.entry(CREDIT_DEBIT_CARD_NUMBER, List.of("tracking", "imei", "isbn", "serial")),
            Map.entry(IP_ADDRESS, List.of("version", "release", "build", "firmware", "ver")),
            // an ITIN has an SSN's shape: one called an SSN is left to the SSN detector (which refuses area 9XX)
            Map.entry(US_INDIVIDUAL_TAX_IDENTIFICATION_NUMBER, List.of("ssn", "social security")));

    private DefaultContextWords() { }
}
