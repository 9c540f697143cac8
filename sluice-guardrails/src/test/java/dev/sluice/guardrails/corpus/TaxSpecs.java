package dev.sluice.guardrails.corpus;

import static dev.sluice.guardrails.corpus.Pick.digits;
import static dev.sluice.guardrails.corpus.Pick.one;

import dev.sluice.guardrails.pii.PiiType;
import java.util.List;
import java.util.Random;

/** US Individual Taxpayer Identification Numbers. */
final class TaxSpecs {

    private TaxSpecs() { }

    static List<Spec> all() {
        return List.of(itin());
    }

    /** A group the IRS issues ITINs in: 50-65, 70-88, 90-92, 94-99. */
    private static int group(Random r) {
        return switch (r.nextInt(4)) {
            case 0 -> 50 + r.nextInt(16);
            case 1 -> 70 + r.nextInt(19);
            case 2 -> 90 + r.nextInt(3);
            default -> 94 + r.nextInt(6);
        };
    }

    private static String printed(Random r, String area, int group, String serial) {
        String sep = one(r, "-", "-", "-", " ", "");
        return area + sep + group + sep + serial;
    }

    static String itin(Random r) {
        return printed(r, "9" + digits(r, 2), group(r), digits(r, 4));
    }

    private static Spec itin() {
        return Spec.of(PiiType.US_INDIVIDUAL_TAX_IDENTIFICATION_NUMBER, TaxSpecs::itin, r -> {
            int bad = switch (r.nextInt(4)) {
                case 0 -> 10 + r.nextInt(40);
                case 1 -> 66 + r.nextInt(4);
                case 2 -> 89;
                default -> 93;
            };
            return printed(r, "9" + digits(r, 2), bad, digits(r, 4));
        }, List.of(
                "My ITIN is {}.",
                "ITIN: {}",
                "Please enter the individual taxpayer identification number {} on line 1.",
                "The IRS issued ITIN {} after the W-7 was approved.",
                "I file my 1040 with ITIN {} because I don't have an SSN yet.",
                "Taxpayer identification number {} does not match our records.",
                "Your ITIN ({}) expires at the end of the year unless it is renewed.",
                "Número ITIN: {}"))
                .withNeutral(List.of(
                        "Order {} shipped this morning.",
                        "Booking reference {} is confirmed.",
                        "Claim {} was approved."),
                        r -> "9" + digits(r, 2) + group(r) + digits(r, 4));
    }
}
