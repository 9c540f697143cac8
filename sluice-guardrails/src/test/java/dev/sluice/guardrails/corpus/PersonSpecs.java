package dev.sluice.guardrails.corpus;

import static dev.sluice.guardrails.corpus.Pick.digits;
import static dev.sluice.guardrails.corpus.Pick.one;

import dev.sluice.guardrails.pii.PiiType;
import java.util.List;
import java.util.Random;

/**
 * Ages and licence plates: values with their cues, in users' messages, clinical notes, forms and assistants' answers;
 * hard negatives are the same numbers and shapes as durations, sizes, thresholds and statistics, or with no cue.
 */
final class PersonSpecs {

    private PersonSpecs() { }

    static List<Spec> all() {
        return List.of(age(), plate());
    }

    static String age(Random r) {
        return String.valueOf(r.nextInt(5) == 0 ? 1 + r.nextInt(17) : 18 + r.nextInt(75));
    }

    private static Spec age() {
        return Spec.context(PiiType.AGE, PersonSpecs::age, List.of(
                "I am {} years old and I've never had a credit card.",
                "The patient, aged {}, presented with shortness of breath.",
                "Age: {}",
                "My son is a {}-year-old with a peanut allergy.",
                "{} y/o female, no known drug allergies.",
                "The applicant is {} years of age.",
                "I'm {} yo and looking for a part-time job.",
                "Name withheld, age {}, lives in Leeds.",
                "Based on what you shared, as a {}-year-old you can open the account yourself.",
                "She started piano at the age of {}.",
                "Patient age: {} | Sex: F | Ward: 4B",
                "My dad is {} years old and still drives.",
                "The victim, a {}-year-old man, was taken to hospital.",
                "age={}&country=UK",
                "He is {} years young and runs every day."), List.of(
                r -> "I have " + (2 + r.nextInt(30)) + " years of experience in logistics.",
                r -> "We signed a " + (1 + r.nextInt(5)) + "-year contract with the vendor.",
                r -> "The office opened " + (2 + r.nextInt(40)) + " years ago.",
                r -> "The average age is " + (25 + r.nextInt(30)) + " in this team.",
                r -> "You must be over the age of " + one(r, 13, 16, 18, 21) + " to apply.",
                r -> "Minimum age " + one(r, 13, 16, 18) + ", with a parent's consent.",
                r -> "Ages " + (2 + r.nextInt(4)) + "-" + (6 + r.nextInt(6)) + " need a booster seat.",
                r -> "The age group 18-24 grew by " + (2 + r.nextInt(20)) + "%.",
                r -> "It comes with a " + one(r, 2, 3, 5, 10) + "-year warranty.",
                r -> "Retirement age: " + (60 + r.nextInt(8)) + " in most countries.",
                r -> "The loan runs for " + (5 + r.nextInt(25)) + " years at " + (2 + r.nextInt(5)) + "%.",
                r -> "Shipping takes " + (2 + r.nextInt(10)) + " days and costs $" + (5 + r.nextInt(20)) + ".",
                r -> "We have " + (10 + r.nextInt(90)) + " employees in " + (2 + r.nextInt(8)) + " countries.",
                r -> "The " + (2000 + r.nextInt(25)) + " model has " + (100 + r.nextInt(300)) + " horsepower.",
                r -> "Page " + (10 + r.nextInt(90)) + " explains the age verification step.",
                r -> "Room " + (100 + r.nextInt(400)) + ", floor " + (1 + r.nextInt(9)) + ".",
                r -> "Users aged between 18 and 24 make up " + (10 + r.nextInt(40)) + "% of the base.",
                r -> "Our " + (10 + r.nextInt(40)) + "-year anniversary is next month.",
                r -> "The median age of buyers was " + (30 + r.nextInt(20)) + ".",
                r -> "Age is just a number, they say."));
    }

    private static final String PLATE_LETTERS = "ABCDEFGHJKLMNPRSTVWXYZ";

    /** Plates in the formats the detector documents: US, UK, German, French, Italian, Spanish, Dutch. */
    static String plate(Random r) {
        return switch (r.nextInt(8)) {
            case 0 -> (1 + r.nextInt(9)) + Pick.chars(r, PLATE_LETTERS, 3) + digits(r, 3);
            case 1 -> Pick.chars(r, PLATE_LETTERS, 3) + one(r, "-", " ") + digits(r, 4);
            case 2 -> Pick.chars(r, PLATE_LETTERS, 2) + digits(r, 2) + one(r, " ", "") + Pick.chars(r, PLATE_LETTERS, 3);
            case 3 -> one(r, "B", "M", "HH", "K", "F") + "-" + Pick.chars(r, PLATE_LETTERS, 2) + " " + (10 + r.nextInt(9989));
            case 4 -> Pick.chars(r, PLATE_LETTERS, 2) + "-" + digits(r, 3) + "-" + Pick.chars(r, PLATE_LETTERS, 2);
            case 5 -> Pick.chars(r, PLATE_LETTERS, 2) + " " + digits(r, 3) + " " + Pick.chars(r, PLATE_LETTERS, 2);
            case 6 -> digits(r, 4) + " " + Pick.chars(r, "BCDFGHJKLMNPRSTVWXYZ", 3);
            default -> digits(r, 2) + "-" + Pick.chars(r, PLATE_LETTERS, 3) + "-" + digits(r, 1);
        };
    }

    private static Spec plate() {
        return Spec.context(PiiType.LICENSE_PLATE, PersonSpecs::plate, List.of(
                "The car with plate {} was parked in the disabled bay.",
                "License plate: {}",
                "My licence plate is {} and the fine is wrong.",
                "A silver van, registration {}, left the scene at 10:40.",
                "Reg: {}",
                "Please add number plate {} to the visitor list.",
                "Kennzeichen {} parkt seit Tagen hier.",
                "Immatriculation : {}",
                "The toll camera read plate number {} twice.",
                "I've noted the registration number {} for your claim; a loss adjuster will call you.",
                "tag: {}",
                "Vehicle: Ford Focus, reg no {}, MOT due in March.",
                "Can you check if the plate {} has unpaid tickets?",
                "The parking permit is for plates {} only."), List.of(
                r -> "Part " + plate(r) + " ships Monday.",
                r -> "Flight " + one(r, "BA", "LH", "AF") + " " + (100 + r.nextInt(900)) + " lands at six.",
                r -> "The license plate recognition cameras are offline.",
                r -> "A plate of pasta costs " + (8 + r.nextInt(15)) + " EUR.",
                r -> "Registration opens on " + (1 + r.nextInt(28)) + " May.",
                r -> "See plate " + (1 + r.nextInt(40)) + one(r, "A", "B", "C") + " in the appendix.",
                r -> "git tag v" + r.nextInt(4) + "." + r.nextInt(10) + "." + r.nextInt(10) + " and push",
                r -> "Ticket " + plate(r) + " was closed as a duplicate.",
                r -> "Registration fee: $" + (20 + r.nextInt(80)) + " per team.",
                r -> "Use coupon " + Pick.chars(r, PLATE_LETTERS, 4) + digits(r, 2) + " at checkout.",
                r -> "Model " + Pick.chars(r, PLATE_LETTERS, 2) + "-" + digits(r, 4) + " replaces the old one.",
                r -> "The registration process takes " + (2 + r.nextInt(10)) + " minutes.",
                r -> "Gate " + Pick.chars(r, PLATE_LETTERS, 1) + digits(r, 2) + ", seat " + digits(r, 2)
                        + Pick.chars(r, "ABCDEF", 1) + ".",
                r -> "Price tag " + (10 + r.nextInt(90)) + " EUR on the shelf.",
                r -> "The number plate fell off on the motorway.",
                r -> "Invoice " + Pick.chars(r, PLATE_LETTERS, 3) + "-" + digits(r, 4) + " is overdue.",
                r -> "Warehouse bin " + digits(r, 2) + "-" + Pick.chars(r, PLATE_LETTERS, 3) + "-" + digits(r, 1)
                        + " is full.",
                r -> "My plates were stolen last night, what should I do?",
                r -> "Registration closes at " + (5 + r.nextInt(6)) + " pm on Friday.",
                r -> "The hot plate reaches " + (200 + r.nextInt(100)) + " degrees."));
    }
}
