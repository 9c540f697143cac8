package dev.sluice.guardrails.corpus;

import static dev.sluice.guardrails.corpus.Pick.digits;
import static dev.sluice.guardrails.corpus.Pick.one;

import java.util.List;
import java.util.Random;
import java.util.function.Function;

/**
 * Everyday sentences full of numbers and codes that are not sensitive: dates, times, prices, versions, ISBNs, order
 * and tracking numbers, hashes, UUIDs, coordinates. Every one is a negative for every type.
 */
final class GeneralSentences {

    private GeneralSentences() { }

    static final List<Function<Random, String>> ALL = List.of(
            r -> "Order #" + digits(r, 6) + " shipped on 2024-" + month(r) + "-" + day(r)
                    + " and should arrive within " + (2 + r.nextInt(6)) + " days.",
            r -> "The invoice total is $" + (100 + r.nextInt(9000)) + "." + digits(r, 2) + ", due "
                    + day(r) + "/" + month(r) + "/2025.",
            r -> "We upgraded to version " + r.nextInt(5) + "." + r.nextInt(20) + "." + r.nextInt(10) + " last "
                    + one(r, "Monday", "Tuesday", "Friday") + ".",
            r -> "ISBN 978-" + digits(r, 1) + "-" + digits(r, 3) + "-" + digits(r, 5) + "-" + digits(r, 1)
                    + " is the second edition.",
            r -> "The meeting starts at " + (8 + r.nextInt(10)) + ":" + one(r, "00", "15", "30", "45") + " in room "
                    + (100 + r.nextInt(400)) + ".",
            r -> "Sales grew " + (1 + r.nextInt(40)) + "." + r.nextInt(10) + "% to $" + (1 + r.nextInt(900)) + ","
                    + digits(r, 3) + "," + digits(r, 3) + " in Q" + (1 + r.nextInt(4)) + ".",
            r -> "Commit " + Pick.chars(r, "0123456789abcdef", 40) + " fixed the regression.",
            r -> "The tenant id is " + Pick.chars(r, "0123456789abcdef", 8) + "-" + Pick.chars(r, "0123456789abcdef", 4)
                    + "-4" + Pick.chars(r, "0123456789abcdef", 3) + "-a" + Pick.chars(r, "0123456789abcdef", 3) + "-"
                    + Pick.chars(r, "0123456789abcdef", 12) + ".",
            r -> "Set the colour to #" + Pick.chars(r, "0123456789ABCDEF", 6) + " and the width to "
                    + (100 + r.nextInt(900)) + "px.",
            r -> "The office is at " + (50 + r.nextInt(10)) + "." + digits(r, 4) + ", -" + r.nextInt(5) + "."
                    + digits(r, 4) + " on the map.",
            r -> "Screen resolution " + one(r, "1920x1080", "2560x1440", "3840x2160") + " at " + one(r, 60, 120, 144)
                    + " Hz.",
            r -> "Temperature reached " + (20 + r.nextInt(20)) + "." + r.nextInt(10) + " degrees at "
                    + (10 + r.nextInt(10)) + ":" + (10 + r.nextInt(50)) + ".",
            r -> "The ZIP code is " + digits(r, 5) + "-" + digits(r, 4) + " for the new office.",
            r -> "The final score was " + r.nextInt(6) + "-" + r.nextInt(6) + " after extra time.",
            r -> "Pages " + (10 + r.nextInt(50)) + "-" + (60 + r.nextInt(50)) + " cover the warranty terms.",
            r -> "The city had " + (1 + r.nextInt(9)) + "," + digits(r, 3) + "," + digits(r, 3)
                    + " residents in the last census.",
            r -> "Call extension " + digits(r, 4) + " for the help desk.",
            r -> "Tracking number 1Z" + Pick.chars(r, "0123456789ABCDEFGHJKLMNPRSTUVWXYZ", 16) + " is in transit.",
            r -> "Serial number SN-" + digits(r, 4) + "-" + digits(r, 4) + "-" + digits(r, 2) + " is under warranty.",
            r -> "Flight " + one(r, "BA", "LH", "AF", "UA") + " " + (100 + r.nextInt(900)) + " departs at "
                    + (10 + r.nextInt(12)) + ":" + (10 + r.nextInt(50)) + ".",
            r -> "HTTP " + one(r, 404, 500, 502, 503) + " errors spiked to " + (100 + r.nextInt(900))
                    + " per minute.",
            r -> "Use JDK " + one(r, 17, 21, 25) + " and Maven 3." + r.nextInt(10) + "." + r.nextInt(12) + ".",
            r -> "Ticket PROJ-" + digits(r, 4) + " is blocked by PROJ-" + digits(r, 4) + ".",
            r -> "Battery at " + (1 + r.nextInt(99)) + "% after " + (1 + r.nextInt(12)) + " hours.",
            r -> "The incident happened on " + day(r) + "." + month(r) + ".2024 around noon.",
            r -> "The parcel weighs " + (1 + r.nextInt(30)) + "." + r.nextInt(10) + " kg and costs EUR "
                    + (5 + r.nextInt(50)) + "," + digits(r, 2) + ".",
            r -> "Product SKU " + digits(r, 5) + "-" + digits(r, 3) + " is out of stock.",
            r -> "Reservation for " + (2 + r.nextInt(6)) + " people on " + one(r, "March", "June", "October") + " "
                    + (1 + r.nextInt(28)) + ", 2025 at " + (6 + r.nextInt(4)) + " pm.",
            r -> "The model has " + (1 + r.nextInt(70)) + "B parameters and a context of " + one(r, 8192, 32768, 131072)
                    + " tokens.",
            r -> "Mix " + (1 + r.nextInt(3)) + "/" + (2 + r.nextInt(3)) + " cup of sugar with " + (100 + r.nextInt(400))
                    + " ml of milk.");

    private static String month(Random r) {
        return String.format("%02d", 1 + r.nextInt(12));
    }

    private static String day(Random r) {
        return String.format("%02d", 1 + r.nextInt(28));
    }
}
