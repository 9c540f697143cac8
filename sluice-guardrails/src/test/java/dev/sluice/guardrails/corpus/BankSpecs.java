package dev.sluice.guardrails.corpus;

import static dev.sluice.guardrails.corpus.Pick.digits;
import static dev.sluice.guardrails.corpus.Pick.one;

import dev.sluice.guardrails.pii.PiiType;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** IBANs, US routing numbers and SWIFT/BIC codes. */
final class BankSpecs {

    /** A few countries' IBAN lengths and whether their BBAN starts with a four-letter bank code. */
    private static final Map<String, Integer> LENGTHS = Map.ofEntries(Map.entry("DE", 22), Map.entry("GB", 22),
            Map.entry("FR", 27), Map.entry("NL", 18), Map.entry("ES", 24), Map.entry("IT", 27), Map.entry("BE", 16),
            Map.entry("CH", 21), Map.entry("AT", 20), Map.entry("IE", 22), Map.entry("PL", 28), Map.entry("SE", 24),
            Map.entry("NO", 15), Map.entry("DK", 18), Map.entry("FI", 18), Map.entry("PT", 25), Map.entry("LU", 20),
            Map.entry("SA", 24), Map.entry("AE", 23), Map.entry("TR", 26));
    private static final List<String> COUNTRIES = LENGTHS.keySet().stream().sorted().toList();
    private static final List<String> LETTER_BANKS = List.of("GB", "NL", "IE");
    private static final String LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";

    private BankSpecs() { }

    static List<Spec> all() {
        return List.of(iban(), routing(), swift());
    }

    /** A valid IBAN, without spaces. */
    static String ibanCompact(Random r) {
        String country = one(r, COUNTRIES);
        int bbanLength = LENGTHS.get(country) - 4;
        String bban = LETTER_BANKS.contains(country)
                ? Pick.chars(r, LETTERS, 4) + digits(r, bbanLength - 4) : digits(r, bbanLength);
        return country + checkDigits(country, bban) + bban;
    }

    static String checkDigits(String country, String bban) {
        StringBuilder numeric = new StringBuilder();
        for (char c : (bban + country + "00").toCharArray()) {
            numeric.append(Character.isDigit(c) ? String.valueOf(c) : String.valueOf(c - 'A' + 10));
        }
        int check = 98 - new BigInteger(numeric.toString()).mod(BigInteger.valueOf(97)).intValue();
        return String.format("%02d", check);
    }

    static String spaced(String compact) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < compact.length(); i++) {
            if (i > 0 && i % 4 == 0) {
                b.append(' ');
            }
            b.append(compact.charAt(i));
        }
        return b.toString();
    }

    private static String printed(Random r, String compact) {
        return r.nextInt(5) < 3 ? spaced(compact) : compact;
    }

    private static Spec iban() {
        return Spec.of(PiiType.INTERNATIONAL_BANK_ACCOUNT_NUMBER, r -> printed(r, ibanCompact(r)), r -> {
            String iban = ibanCompact(r);
            return switch (r.nextInt(4)) {
                case 0 -> printed(r, iban.substring(0, 2) + String.format("%02d", (Integer.parseInt(
                        iban.substring(2, 4)) + 1 + r.nextInt(50)) % 97 + 2) + iban.substring(4));
                case 1 -> printed(r, iban.substring(0, iban.length() - 1));
                case 2 -> printed(r, iban + r.nextInt(10));
                default -> printed(r, one(r, "XX", "QZ", "UK") + iban.substring(2));
            };
        }, List.of(
                "Please transfer the deposit to IBAN {}.",
                "Our bank details: {}",
                "Refunds go to {} (account holder: M. Dubois).",
                "Beneficiary IBAN: {}",
                "Meine IBAN lautet {}.",
                "Can you wire the balance to {} by Monday?",
                "The SEPA mandate covers {}.",
                "Mi IBAN es {}.",
                "Salary should be paid into {} from next month.",
                "Update the supplier's account to {}."));
    }

    static String routing(Random r) {
        String prefix = String.format("%02d", one(r, 1 + r.nextInt(12), 21 + r.nextInt(12), 61 + r.nextInt(12)));
        String body = prefix + digits(r, 6);
        return body + abaDigit(body);
    }

    static char abaDigit(String eight) {
        int[] w = {3, 7, 1, 3, 7, 1, 3, 7};
        int sum = 0;
        for (int i = 0; i < 8; i++) {
            sum += w[i] * (eight.charAt(i) - '0');
        }
        return (char) ('0' + (10 - sum % 10) % 10);
    }

    private static Spec routing() {
        return Spec.of(PiiType.US_BANK_ROUTING_NUMBER, BankSpecs::routing, r -> {
            if (r.nextBoolean()) {
                String good = routing(r);
                return good.substring(0, 8) + Pick.otherDigit(r, good.charAt(8));
            }
            String body = String.format("%02d", one(r, 13 + r.nextInt(8), 33 + r.nextInt(28), 81 + r.nextInt(19)))
                    + digits(r, 6);
            return body + abaDigit(body);
        }, List.of(
                "Routing number: {}",
                "ABA routing {}",
                "Please use routing number {} for direct deposit.",
                "The wire needs the bank's RTN, which is {}.",
                "ACH routing {}",
                "Our bank's routing number is {}.",
                "routing={}",
                "Enter {} as the routing number on the form."))
                .withNeutral(List.of(
                        "Batch {} was processed overnight.",
                        "Ticket {} has been closed.",
                        "Customer ID {} placed the order.",
                        "Shipment {} left the warehouse."));
    }

    static String swift(Random r) {
        String bank = one(r, "DEUT", "CHAS", "BOFA", "HSBC", "BARC", "CITI", "BNPA", "COBA", "UBSW", "NWBK", "RBOS",
                "INGB", "ABNA", "SOGE", "CRES", "MIDL", "WFBI", "AIBK", "NDEA", "BKCH");
        String country = one(r, "DE", "US", "GB", "FR", "CH", "NL", "IE", "SE", "CN", "JP", "SG", "HK");
        String location = one(r, "FF", "33", "2L", "22", "MM", "2A", "3N", "SS", "2X", "HH");
        String branch = one(r, "", "", "XXX", "500", "123", "ATL");
        return bank + country + location + branch;
    }

    private static Spec swift() {
        return Spec.of(PiiType.SWIFT_CODE, BankSpecs::swift, r -> {
            String code = swift(r);
            return switch (r.nextInt(4)) {
                case 0 -> code.substring(0, 4) + one(r, "XX", "QQ", "ZZ", "UK") + code.substring(6);
                case 1 -> code.substring(0, 8) + Pick.chars(r, LETTERS, 1 + r.nextInt(2));
                case 2 -> code.substring(0, 2) + digits(r, 1) + code.substring(3);
                default -> code.substring(0, 7);
            };
        }, List.of(
                "SWIFT code: {}",
                "BIC {}",
                "Please include the SWIFT/BIC {} with the transfer.",
                "The bank's SWIFT is {}.",
                "Use BIC {} for international wires.",
                "Beneficiary bank: {}",
                "SWIFT {} (head office)",
                "Le code BIC est {}."))
                .withNeutral(List.of(
                        "Please read the {} section first.",
                        "The {} team meets on Tuesdays.",
                        "Click {} in the top menu.",
                        "Status: {}"),
                        r -> one(r, "BUSINESS", "FEEDBACK", "HOSPITAL", "ABSOLUTE", "CUSTOMER", "OVERVIEW",
                                "PROPERTY", "DATABASE", "RESEARCH", "TRAINING", "DEADLINE", "PLATFORM", "PARTNERS",
                                "ACTIVITY", "CAMPAIGN", "DOCUMENT", "ESTIMATE", "FINISHED", "HEADLINE", "LANGUAGE",
                                "MEETINGS", "OFFICIAL", "REQUIRED", "BUSINESSMAN", "INSTRUCTION", "COMPETITION",
                                "ENVIRONMENT"));
    }
}
