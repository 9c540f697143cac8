package dev.sluice.guardrails.corpus;

import static dev.sluice.guardrails.corpus.Pick.digits;
import static dev.sluice.guardrails.corpus.Pick.group;
import static dev.sluice.guardrails.corpus.Pick.one;

import dev.sluice.guardrails.pii.PiiType;
import java.util.List;
import java.util.Random;

/** US Social Security numbers, UK NHS and National Insurance numbers, Canadian SINs. */
final class IdentitySpecs {

    private IdentitySpecs() { }

    static List<Spec> all() {
        return List.of(ssn(), nhs(), nino(), sin());
    }

    static String ssnDigits(Random r) {
        int area;
        do {
            area = 1 + r.nextInt(899);
        } while (area == 666);
        return String.format("%03d%02d%04d", area, 1 + r.nextInt(99), 1 + r.nextInt(9999));
    }

    private static Spec ssn() {
        return Spec.of(PiiType.US_SOCIAL_SECURITY_NUMBER, r -> {
            String d = ssnDigits(r);
            return switch (r.nextInt(10)) {
                case 0, 1 -> group(d, " ", 3, 2, 4);
                case 2, 3 -> d;
                default -> group(d, "-", 3, 2, 4);
            };
        }, r -> {
            String d = ssnDigits(r);
            return switch (r.nextInt(6)) {
                case 0 -> group("000" + d.substring(3), "-", 3, 2, 4);
                case 1 -> group("666" + d.substring(3), "-", 3, 2, 4);
                case 2 -> group((900 + r.nextInt(100)) + d.substring(3), one(r, "-", " "), 3, 2, 4);
                case 3 -> group(d.substring(0, 3) + "00" + d.substring(5), "-", 3, 2, 4);
                case 4 -> group(d.substring(0, 5) + "0000", "-", 3, 2, 4);
                default -> group(d, "-", 4, 2, 3);
            };
        }, List.of(
                "My SSN is {}.",
                "Social Security number: {}",
                "Please verify the social security number {} before payroll runs.",
                "SSN {} is already linked to another account.",
                "Applicant's SSN: {}",
                "The W-2 shows {} as the employee's SSN.",
                "Update the SSN on file to {}.",
                "ssn={}",
                "I typed my social security number, {}, into the form.",
                "Her social security no. is {}."))
                .withNeutral(List.of(
                        "Invoice {} was paid in full.",
                        "Order {} is ready for pickup.",
                        "The warehouse counted {} items this year.",
                        "Case {} was escalated to legal."), IdentitySpecs::ssnDigits);
    }

    static String nhsDigits(Random r) {
        while (true) {
            String nine = digits(r, 9);
            int sum = 0;
            for (int i = 0; i < 9; i++) {
                sum += (10 - i) * (nine.charAt(i) - '0');
            }
            int check = 11 - sum % 11;
            if (check == 11) {
                check = 0;
            }
            if (check != 10) {
                return nine + check;
            }
        }
    }

    private static Spec nhs() {
        return Spec.of(PiiType.UK_NATIONAL_HEALTH_SERVICE_NUMBER, r -> printedNhs(r, nhsDigits(r)), r -> {
            String d = nhsDigits(r);
            String wrong = d.substring(0, 9) + Pick.otherDigit(r, d.charAt(9));
            return switch (r.nextInt(4)) {
                case 0, 1 -> printedNhs(r, wrong);
                case 2 -> printedNhs(r, checkTen(r));
                default -> group(d + r.nextInt(10), " ", 3, 3, 5);
            };
        }, List.of(
                "NHS number: {}",
                "My NHS number is {}.",
                "Patient NHS no. {} was seen in clinic today.",
                "Please quote the NHS number {} at reception.",
                "GP records list {} as the NHS number.",
                "NHS No: {}",
                "The referral letter gives NHS number {}.",
                "nhs_number={}"));
    }

    /** Nine digits whose NHS check digit would be 10 (no valid number starts so), and a tenth. */
    private static String checkTen(Random r) {
        while (true) {
            String nine = digits(r, 9);
            int sum = 0;
            for (int i = 0; i < 9; i++) {
                sum += (10 - i) * (nine.charAt(i) - '0');
            }
            if (sum % 11 == 1) {
                return nine + r.nextInt(10);
            }
        }
    }

    private static String printedNhs(Random r, String d) {
        return switch (r.nextInt(5)) {
            case 0 -> d;
            case 1 -> group(d, "-", 3, 3, 4);
            default -> group(d, " ", 3, 3, 4);
        };
    }

    static String nino(Random r) {
        String first = one(r, "A", "B", "C", "E", "G", "H", "J", "K", "L", "M", "N", "O", "P", "R", "S", "T", "W",
                "X", "Y", "Z");
        String second = one(r, "A", "B", "C", "E", "G", "H", "J", "K", "L", "M", "N", "P", "R", "S", "T", "W", "X",
                "Y", "Z");
        String prefix = first + second;
        if (List.of("BG", "GB", "KN", "NK", "NT", "TN", "ZZ").contains(prefix)) {
            prefix = "AB";
        }
        String d = digits(r, 6);
        String suffix = one(r, "A", "B", "C", "D");
        return switch (r.nextInt(4)) {
            case 0 -> prefix + " " + group(d, " ", 2, 2, 2) + " " + suffix;
            case 1 -> prefix + " " + d + " " + suffix;
            default -> prefix + d + suffix;
        };
    }

    private static Spec nino() {
        return Spec.of(PiiType.UK_NATIONAL_INSURANCE_NUMBER, IdentitySpecs::nino, r -> {
            String good = nino(r).replace(" ", "");
            return switch (r.nextInt(5)) {
                case 0 -> one(r, "D", "F", "I", "Q", "U", "V") + good.substring(1);
                case 1 -> good.charAt(0) + one(r, "D", "F", "I", "O", "Q", "U", "V") + good.substring(2);
                case 2 -> one(r, "BG", "GB", "NK", "KN", "TN", "NT", "ZZ") + good.substring(2);
                case 3 -> good.substring(0, 8) + one(r, "E", "F", "X", "Z");
                default -> good.substring(0, 7) + good.charAt(8);
            };
        }, List.of(
                "National Insurance number: {}",
                "My NI number is {}.",
                "NINO {}",
                "Please add {} to the payroll record.",
                "HMRC has {} on file for you.",
                "Your National Insurance number ({}) is on your payslip.",
                "NI no. {}",
                "The new starter's number is {}."));
    }

    static String sinDigits(Random r) {
        String payload = one(r, "1", "2", "3", "4", "5", "6", "7", "9") + digits(r, 7);
        return payload + Pick.luhnDigit(payload);
    }

    private static Spec sin() {
        return Spec.of(PiiType.CA_SOCIAL_INSURANCE_NUMBER, r -> {
            String d = sinDigits(r);
            return switch (r.nextInt(5)) {
                case 0 -> d;
                case 1 -> group(d, "-", 3, 3, 3);
                default -> group(d, " ", 3, 3, 3);
            };
        }, r -> {
            String d = sinDigits(r);
            if (r.nextBoolean()) {
                d = d.substring(0, 8) + Pick.otherDigit(r, d.charAt(8));
            } else {
                String payload = one(r, "0", "8") + d.substring(1, 8);
                d = payload + Pick.luhnDigit(payload);
            }
            return group(d, one(r, " ", "-"), 3, 3, 3);
        }, List.of(
                "SIN: {}",
                "My Social Insurance Number is {}.",
                "Please enter your SIN ({}) on the form.",
                "Numéro d'assurance sociale : {}",
                "The employer needs the SIN {} for payroll.",
                "Service Canada confirmed SIN {}.",
                "social insurance number {}"))
                .withNeutral(List.of(
                        "Invoice {} was paid in full.",
                        "Parcel {} is out for delivery.",
                        "Reference {} closes the case."), IdentitySpecs::sinDigits);
    }
}
