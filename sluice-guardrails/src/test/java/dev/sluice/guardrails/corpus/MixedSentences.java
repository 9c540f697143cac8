package dev.sluice.guardrails.corpus;

import java.util.List;

/** Sentences holding several types at once ({@code {TYPE}} marks each value), as real messages do. */
final class MixedSentences {

    private MixedSentences() { }

    static final List<String> ALL = List.of(
            "Contact {EMAIL} or call {PHONE} after six.",
            "Card {CREDIT_DEBIT_CARD_NUMBER}, exp {CREDIT_DEBIT_CARD_EXPIRY}, CVV {CREDIT_DEBIT_CARD_CVV}.",
            "Wire the funds to IBAN {INTERNATIONAL_BANK_ACCOUNT_NUMBER}, BIC {SWIFT_CODE}.",
            "SSN {US_SOCIAL_SECURITY_NUMBER} and passport number {US_PASSPORT_NUMBER} are both on the application.",
            "Server {IP_ADDRESS} (MAC {MAC_ADDRESS}) serves {URL}.",
            "AWS key {AWS_ACCESS_KEY} with secret key {AWS_SECRET_KEY} was found in the logs.",
            "Routing number {US_BANK_ROUTING_NUMBER}, SWIFT {SWIFT_CODE}.",
            "Patient NHS number {UK_NATIONAL_HEALTH_SERVICE_NUMBER}, National Insurance number "
                    + "{UK_NATIONAL_INSURANCE_NUMBER}.",
            "Canadian SIN {CA_SOCIAL_INSURANCE_NUMBER}, email {EMAIL}.",
            "VIN {VEHICLE_IDENTIFICATION_NUMBER} is registered to {EMAIL}, phone {PHONE}.",
            "Send the receipt for card {CREDIT_DEBIT_CARD_NUMBER} to {EMAIL}.",
            "Log in at {URL} from {IP_ADDRESS} only.",
            "Hi, I'm moving banks: new IBAN {INTERNATIONAL_BANK_ACCOUNT_NUMBER}, and my mobile is now {PHONE}.",
            "Reset link {URL} was sent to {EMAIL}.",
            "Driver's car VIN {VEHICLE_IDENTIFICATION_NUMBER}; passport {US_PASSPORT_NUMBER}.",
            "Please update my SIN to {CA_SOCIAL_INSURANCE_NUMBER} and my phone to {PHONE}.",
            "The laptop {MAC_ADDRESS} got {IP_ADDRESS} from DHCP.",
            "Access key {AWS_ACCESS_KEY} was used from {IP_ADDRESS} at 03:12.",
            "NI number {UK_NATIONAL_INSURANCE_NUMBER}, contact {EMAIL}.",
            "Direct deposit: routing {US_BANK_ROUTING_NUMBER}, SSN {US_SOCIAL_SECURITY_NUMBER}.");
}
