package dev.sluice.guardrails.corpus;

import static dev.sluice.guardrails.corpus.Pick.digits;
import static dev.sluice.guardrails.corpus.Pick.group;
import static dev.sluice.guardrails.corpus.Pick.one;

import dev.sluice.guardrails.pii.PiiType;
import java.util.List;
import java.util.Random;

/** Payment card numbers, CVVs and expiry dates. */
final class CardSpecs {

    private CardSpecs() { }

    static List<Spec> all() {
        return List.of(number(), cvv(), expiry());
    }

    /** A Luhn-valid number of a real network at a length it issues, without separators. */
    static String cardDigits(Random r) {
        String prefix = one(r, "4", "4", "51", "53", "55", "2221", "2720", "34", "37", "6011", "65", "3530", "36",
                "62");
        int length = switch (prefix) {
            case "34", "37" -> 15;
            case "36" -> 14;
            default -> 16;
        };
        String payload = prefix + digits(r, length - prefix.length() - 1);
        return payload + Pick.luhnDigit(payload);
    }

    /** Cards as people write them: in fours (or 4-6-5, 4-6-4), spaced or hyphenated, or whole. */
    static String printed(Random r, String d) {
        String sep = one(r, " ", " ", "-", "");
        if (sep.isEmpty()) {
            return d;
        }
        return switch (d.length()) {
            case 15 -> group(d, sep, 4, 6, 5);
            case 14 -> group(d, sep, 4, 6, 4);
            default -> group(d, sep, 4, 4, 4, 4);
        };
    }

    private static Spec number() {
        return Spec.of(PiiType.CREDIT_DEBIT_CARD_NUMBER, r -> printed(r, cardDigits(r)), r -> {
            String d = cardDigits(r);
            return switch (r.nextInt(4)) {
                case 0 -> printed(r, d.substring(0, d.length() - 1) + Pick.otherDigit(r, d.charAt(d.length() - 1)));
                case 1 -> {
                    String payload = one(r, "1", "9", "7", "8") + digits(r, 14);
                    yield printed(r, payload + Pick.luhnDigit(payload));
                }
                case 2 -> {
                    String payload = "4" + digits(r, 13);
                    yield group(payload + Pick.luhnDigit(payload), " ", 4, 4, 4, 3);
                }
                default -> group(digits(r, 12), one(r, " ", "-"), 4, 4, 4);
            };
        }, List.of(
                "Please charge the renewal to my card {}.",
                "Card number: {}",
                "I paid with {} but the order still shows as pending.",
                "Our corporate Amex is {}, use it for the hotel.",
                "Can you refund {} instead of issuing store credit?",
                "The customer read out {} over the line.",
                "Saved payment method: {}",
                "Numéro de carte : {}",
                "Use {} for the deposit.",
                "My credit card number is {}.",
                "The chargeback was filed against {}.",
                "Visa {} was declined twice today."));
    }

    private static Spec cvv() {
        return Spec.of(PiiType.CREDIT_DEBIT_CARD_CVV, r -> digits(r, r.nextInt(5) == 0 ? 4 : 3),
                r -> digits(r, one(r, 2, 5, 6)), List.of(
                        "CVV: {}",
                        "The security code on the back is {}.",
                        "cvc {}",
                        "Enter the card verification value ({}) to continue.",
                        "My CVV2 is {} if you need it.",
                        "CID {} is printed on the front.",
                        "security code {}, please keep it private",
                        "Please confirm the CVC, which should be {}.",
                        "Card security code: {}",
                        "the cvv is {} btw"))
                .withNeutral(List.of(
                        "Room {} is on the third floor.",
                        "Flight {} boards at gate twelve.",
                        "We sold {} units last week.",
                        "Bus {} stops outside the office.",
                        "Page {} explains the refund policy.",
                        "Add {} grams of flour and stir."));
    }

    static String expiry(Random r) {
        String month = String.format("%02d", 1 + r.nextInt(12));
        String year = String.valueOf(25 + r.nextInt(10));
        return switch (r.nextInt(10)) {
            case 0, 1, 2, 3, 4 -> month + "/" + year;
            case 5, 6 -> month + "/20" + year;
            case 7 -> month + "-" + year;
            case 8 -> month + " / " + year;
            default -> Integer.parseInt(month) + "/" + year;
        };
    }

    private static Spec expiry() {
        return Spec.of(PiiType.CREDIT_DEBIT_CARD_EXPIRY, CardSpecs::expiry, r -> switch (r.nextInt(4)) {
            case 0 -> (13 + r.nextInt(87)) + "/" + (25 + r.nextInt(10));
            case 1 -> "00/" + (25 + r.nextInt(10));
            case 2 -> String.format("%02d", 1 + r.nextInt(12)) + "/" + (100 + r.nextInt(900));
            default -> (13 + r.nextInt(87)) + "/20" + (25 + r.nextInt(10));
        }, List.of(
                "exp {}",
                "Expiry date: {}",
                "The card expires {}.",
                "Valid thru {}",
                "expiration {}, so it still works",
                "It expires on {} and I will get a new one.",
                "Card good thru {}.",
                "exp. date {}",
                "Date d'expiration : {}",
                "Expiring {}"))
                .withNeutral(List.of(
                        "Shipment batch {} arrived late.",
                        "See section {} of the handbook.",
                        "The vote was {} in the first round.",
                        "Platform {} is closed for repairs."));
    }
}
