package dev.sluice.guardrails.corpus;

import static dev.sluice.guardrails.corpus.Pick.digits;
import static dev.sluice.guardrails.corpus.Pick.one;

import dev.sluice.guardrails.pii.PiiType;
import java.util.List;
import java.util.Random;

/** US passport numbers, vehicle identification numbers and AWS credentials. */
final class DocumentSpecs {

    private static final String UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private static final String VIN_CHARS = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789";
    private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private static final String BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789/+";

    private DocumentSpecs() { }

    static List<Spec> all() {
        return List.of(passport(), vin(), awsAccessKey(), awsSecretKey());
    }

    static String passport(Random r) {
        return r.nextBoolean() ? digits(r, 9) : Pick.chars(r, UPPER, 1) + digits(r, 8);
    }

    private static Spec passport() {
        return Spec.of(PiiType.US_PASSPORT_NUMBER, DocumentSpecs::passport, r -> switch (r.nextInt(4)) {
            case 0 -> digits(r, 8);
            case 1 -> digits(r, 10);
            case 2 -> Pick.chars(r, UPPER, 2) + digits(r, 7);
            default -> Pick.chars(r, UPPER, 1) + digits(r, 7);
        }, List.of(
                "Passport number: {}",
                "My passport no. is {}.",
                "The US passport {} is valid for ten years.",
                "Please upload a scan of passport {}.",
                "Traveler's passport: {}",
                "Passport {} was reported lost.",
                "Enter the passport number ({}) exactly as printed."))
                .withNeutral(List.of(
                        "Order {} shipped this morning.",
                        "Booking reference {} is confirmed.",
                        "Claim {} was approved."));
    }

    static String vin(Random r) {
        String wmi = one(r, "1HG", "JHM", "WVW", "5YJ", "1FT", "2T1", "3VW", "KMH", "WBA", "SAL", "YV1", "VF1",
                "ZFA", "JN1", "1G1");
        String vds = Pick.chars(r, VIN_CHARS, 5);
        String year = Pick.chars(r, "ABCDEFGHJKLMNPRSTVWXY123456789", 1);
        String rest = Pick.chars(r, VIN_CHARS, 1) + digits(r, 6);
        String draft = wmi + vds + "0" + year + rest;
        return draft.substring(0, 8) + vinCheck(draft) + draft.substring(9);
    }

    static char vinCheck(String vin) {
        int[] weights = {8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2};
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            char c = vin.charAt(i);
            int v = Character.isDigit(c) ? c - '0' : transliterate(c);
            sum += v * weights[i];
        }
        int check = sum % 11;
        return check == 10 ? 'X' : (char) ('0' + check);
    }

    /** ISO 3779: A-H are 1-8, J-N are 1-5, P is 7, R is 9, S-Z are 2-9. */
    private static int transliterate(char c) {
        if (c >= 'A' && c <= 'H') {
            return c - 'A' + 1;
        }
        if (c >= 'J' && c <= 'N') {
            return c - 'J' + 1;
        }
        if (c == 'P') {
            return 7;
        }
        if (c == 'R') {
            return 9;
        }
        return c - 'S' + 2;
    }

    private static Spec vin() {
        return Spec.of(PiiType.VEHICLE_IDENTIFICATION_NUMBER, DocumentSpecs::vin, r -> {
            String good = vin(r);
            return switch (r.nextInt(4)) {
                case 0 -> {
                    char other = good.charAt(8) == 'X' ? '0' : good.charAt(8) == '9' ? 'X' : (char) (good.charAt(8) + 1);
                    yield good.substring(0, 8) + other + good.substring(9);
                }
                case 1 -> good.substring(0, 4) + one(r, "I", "O", "Q") + good.substring(5);
                case 2 -> good.substring(0, 16);
                default -> good + Pick.chars(r, VIN_CHARS, 1);
            };
        }, List.of(
                "VIN: {}",
                "The vehicle identification number is {}.",
                "Carfax shows two owners for {}.",
                "My car's VIN is {}.",
                "Please run a recall check on {}.",
                "Chassis number {}",
                "Insurance quote for the truck, VIN {}.",
                "The title lists {} as the vehicle."));
    }

    static String awsAccessKey(Random r) {
        return one(r, "AKIA", "AKIA", "AKIA", "ASIA") + Pick.chars(r, BASE32, 16);
    }

    private static Spec awsAccessKey() {
        return Spec.of(PiiType.AWS_ACCESS_KEY, DocumentSpecs::awsAccessKey, r -> {
            String key = awsAccessKey(r);
            return switch (r.nextInt(5)) {
                case 0 -> one(r, "AKIB", "AKAI", "ABCD", "ZKIA") + key.substring(4);
                case 1 -> key.substring(0, 19);
                case 2 -> key + Pick.chars(r, BASE32, 1);
                case 3 -> key.substring(0, 10) + one(r, "0", "1", "8", "9") + key.substring(11);
                default -> "akia" + key.substring(4).toLowerCase();
            };
        }, List.of(
                "aws_access_key_id = {}",
                "Access key ID: {}",
                "I accidentally committed {} to the public repo.",
                "export AWS_ACCESS_KEY_ID={}",
                "Rotate the IAM key {} today.",
                "The leaked credentials start with {}.",
                "Deactivate {} in the console.",
                "Key {} belongs to the CI user."));
    }

    static String awsSecretKey(Random r) {
        while (true) {
            String s = Pick.chars(r, BASE64, 40);
            if (!s.equals(s.toLowerCase()) && !s.equals(s.toUpperCase()) && s.chars().anyMatch(Character::isDigit)) {
                return s;
            }
        }
    }

    private static Spec awsSecretKey() {
        return Spec.of(PiiType.AWS_SECRET_KEY, DocumentSpecs::awsSecretKey, r -> switch (r.nextInt(3)) {
            case 0 -> awsSecretKey(r).substring(0, 39);
            case 1 -> awsSecretKey(r) + Pick.chars(r, BASE64.substring(0, 62), 1);
            default -> Pick.chars(r, "0123456789abcdef", 40);
        }, List.of(
                "aws_secret_access_key = {}",
                "Secret access key: {}",
                "export AWS_SECRET_ACCESS_KEY={}",
                "The secret key {} was posted in the chat.",
                "AWS secret: {}",
                "Here is the secret for the bucket: {}",
                "Rotate the secret access key {} now."))
                .withNeutral(List.of(
                        "The session id is {}.",
                        "Cache entry {} was evicted.",
                        "Upload token {} is single use."));
    }
}
