package dev.sluice.guardrails.corpus;

import static dev.sluice.guardrails.corpus.Pick.digits;
import static dev.sluice.guardrails.corpus.Pick.one;

import dev.sluice.guardrails.pii.PiiType;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

/**
 * Identifiers read after their label: US bank account numbers, driver's licence numbers, Canadian health card
 * numbers and UK Unique Taxpayer References. Positives are values after the labels people write; hard negatives are
 * the labels without a value ("update your bank account details"), the same shapes without a label (order numbers,
 * tracking numbers) and look-alike labels ("account ID", "license key").
 */
final class LabelledIdSpecs {

    private static final String UPPER = "ABCDEFGHJKLMNPRSTUVWXYZ";

    private LabelledIdSpecs() { }

    static List<Spec> all() {
        return List.of(bankAccount(), driverId(), caHealthNumber(), ukTaxpayerReference());
    }

    private static Spec bankAccount() {
        Function<Random, String> account = r -> switch (r.nextInt(4)) {
            case 0 -> digits(r, 8 + r.nextInt(5));
            case 1 -> "000" + digits(r, 9);
            case 2 -> digits(r, 4) + "-" + digits(r, 4) + "-" + digits(r, 2 + r.nextInt(3));
            default -> digits(r, 4 + r.nextInt(14));
        };
        return Spec.context(PiiType.US_BANK_ACCOUNT_NUMBER, account, List.of(
                "Account number: {}",
                "Please send the refund to my checking account {}.",
                "My savings account number is {}, at the credit union.",
                "Direct deposit: bank account {} (routing on the voided check).",
                "acct: {}",
                "The deposit went into account no. {} by mistake.",
                "Wire it to our bank account number {} please.",
                "Checking acct {} was debited twice.",
                "Set up payroll with account number {} and the branch's routing number.",
                "Numéro de compte : {}",
                "Can you confirm the account number {} before the transfer?",
                "Her savings account is {} and it is overdrawn."), List.of(
                r -> "Please update your bank account details in the portal.",
                r -> "Your account ID is ACME-" + digits(r, 6) + ".",
                r -> "Order " + digits(r, 9) + " shipped today.",
                r -> "Account number must be between four and seventeen digits.",
                r -> "I opened a checking account last week.",
                r -> "Tracking number " + digits(r, 12) + " shows it in transit.",
                r -> "Reference " + digits(r, 8) + " is attached to the invoice.",
                r -> "The savings account pays " + (1 + r.nextInt(4)) + "." + r.nextInt(10) + "% a year.",
                r -> "Enter the account number without dashes.",
                r -> "We processed " + digits(r, 5) + " payments this month.",
                r -> "Ticket " + digits(r, 7) + " is closed.",
                r -> "Your account has been locked after three failed attempts."));
    }

    private static Spec driverId() {
        Function<Random, String> licence = r -> switch (r.nextInt(5)) {
            case 0 -> one(r, UPPER.split("")) + digits(r, 7);
            case 1 -> one(r, UPPER.split("")) + digits(r, 3) + "-" + digits(r, 4) + "-" + digits(r, 4);
            case 2 -> digits(r, 9);
            case 3 -> digits(r, 3) + " " + digits(r, 3) + " " + digits(r, 3);
            default -> Pick.chars(r, UPPER, 5) + digits(r, 6) + Pick.chars(r, UPPER, 2) + digits(r, 1)
                    + Pick.chars(r, UPPER, 2);
        };
        return Spec.context(PiiType.DRIVER_ID, licence, List.of(
                "Driver's license: {}",
                "My drivers license number is {}.",
                "DL# {}",
                "Please verify driver license {} at the counter.",
                "Driving licence number {} was scanned at check-in.",
                "dl: {}",
                "The renter's driver's licence is {}, issued in Ohio.",
                "Permis de conduire : {}",
                "He showed driver's license {} and a utility bill.",
                "Update the driver license number to {} in the claim.",
                "Führerscheinnummer: {}",
                "License no. {} expires next spring."), List.of(
                r -> "Bring your driver's license to the appointment.",
                r -> "Your license key is " + Pick.chars(r, UPPER, 5) + "-" + Pick.chars(r, UPPER, 5) + ".",
                r -> "The driver's license renewal costs " + (20 + r.nextInt(40)) + " dollars.",
                r -> "Order " + digits(r, 9) + " is ready for pickup.",
                r -> "Flight " + Pick.chars(r, UPPER, 2) + digits(r, 4) + " boards at gate " + (1 + r.nextInt(30)) + ".",
                r -> "A learner's permit comes before a driving licence.",
                r -> "Part number " + Pick.chars(r, UPPER, 3) + "-" + digits(r, 5) + " is back in stock.",
                r -> "Software license for " + (2 + r.nextInt(40)) + " seats renews in March.",
                r -> "The DL field is optional on this form.",
                r -> "Driver licence photos must be in colour.",
                r -> "Invoice " + digits(r, 8) + " was paid.",
                r -> "Serial " + Pick.chars(r, UPPER, 2) + digits(r, 8) + " is under warranty."));
    }

    private static Spec caHealthNumber() {
        Function<Random, String> health = r -> switch (r.nextInt(5)) {
            case 0 -> digits(r, 10);
            case 1 -> digits(r, 4) + "-" + digits(r, 3) + "-" + digits(r, 3);
            case 2 -> digits(r, 4) + " " + digits(r, 3) + " " + digits(r, 3) + " " + Pick.chars(r, UPPER, 2);
            case 3 -> "9" + digits(r, 9);
            default -> Pick.chars(r, UPPER, 4) + " " + digits(r, 4) + " " + digits(r, 4);
        };
        return Spec.context(PiiType.CA_HEALTH_NUMBER, health, List.of(
                "Health card number: {}",
                "My OHIP number is {}.",
                "RAMQ: {}",
                "Please record the patient's health card {} on the form.",
                "Personal health number {} (BC).",
                "Ontario health card {} was swiped at the clinic.",
                "OHIP {}",
                "Numéro d'assurance maladie : {}",
                "Health insurance number {} does not match the name on file.",
                "Her PHN is {}.",
                "The health number {} needs a new version code.",
                "Carte soleil {}"), List.of(
                r -> "Bring your health card to every appointment.",
                r -> "OHIP covers most doctor visits in Ontario.",
                r -> "Order " + digits(r, 10) + " shipped this morning.",
                r -> "Call extension " + digits(r, 4) + " for the clinic.",
                r -> "The health card renewal takes " + (2 + r.nextInt(6)) + " weeks.",
                r -> "Tracking " + digits(r, 4) + "-" + digits(r, 3) + "-" + digits(r, 3) + " is delayed.",
                r -> "RAMQ forms are available in French and English.",
                r -> "Claim " + Pick.chars(r, UPPER, 4) + "-" + digits(r, 6) + " was approved.",
                r -> "Your health number has a version code of two letters.",
                r -> "Booking reference " + digits(r, 10) + " is confirmed.",
                r -> "The care card program changed in " + (2000 + r.nextInt(25)) + ".",
                r -> "Room " + digits(r, 3) + " is on the second floor."));
    }

    private static Spec ukTaxpayerReference() {
        Function<Random, String> utr = r -> switch (r.nextInt(3)) {
            case 0 -> digits(r, 10);
            case 1 -> digits(r, 5) + " " + digits(r, 5);
            default -> digits(r, 10) + "K";
        };
        return Spec.context(PiiType.UK_UNIQUE_TAXPAYER_REFERENCE_NUMBER, utr, List.of(
                "UTR: {}",
                "My Unique Taxpayer Reference is {}.",
                "Self Assessment UTR {} for the 2024 to 2025 return.",
                "Please quote your UTR {} on every letter to HMRC.",
                "Corporation Tax UTR: {}",
                "Tax reference {} was on the penalty notice.",
                "Our accountant needs the UTR number {} to file.",
                "unique taxpayer reference {}",
                "The UTR for the partnership is {}.",
                "Taxpayer reference: {} (individual)."), List.of(
                r -> "You can find your UTR on your HMRC online account.",
                r -> "A UTR is ten digits long.",
                r -> "Order " + digits(r, 10) + " was dispatched.",
                r -> "Invoice " + digits(r, 5) + " " + digits(r, 5) + " is overdue.",
                r -> "Register for Self Assessment to get a UTR.",
                r -> "Tracking number " + digits(r, 10) + " is out for delivery.",
                r -> "Tax reference letters arrive within " + (5 + r.nextInt(10)) + " working days.",
                r -> "Policy " + digits(r, 8) + " renews in June.",
                r -> "The UTR field was left blank.",
                r -> "Customer " + digits(r, 6) + " asked about VAT.",
                r -> "We filed " + digits(r, 4) + " returns last year.",
                r -> "Keep your tax reference safe."));
    }
}
