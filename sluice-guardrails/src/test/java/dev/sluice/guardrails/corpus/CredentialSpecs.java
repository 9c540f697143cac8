package dev.sluice.guardrails.corpus;

import static dev.sluice.guardrails.corpus.Pick.digits;
import static dev.sluice.guardrails.corpus.Pick.one;

import dev.sluice.guardrails.pii.PiiType;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

/**
 * Passwords, PINs and user names: values next to their cues, in users' messages, assistants' answers, config files
 * and connection strings; hard negatives are the cues without a value ("password reset", "enter your PIN"), the
 * values' shapes without a cue, and the cue words in other senses ("pass the salt", "pin the tab").
 */
final class CredentialSpecs {

    private static final String LOWER = "abcdefghijklmnopqrstuvwxyz";
    private static final String ALNUM = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    private static final List<String> WORDS = List.of("sunshine", "dragon", "monkey", "shadow", "falcon", "tiger",
            "orange", "harbour", "maple", "winter", "copper", "violet", "rocket", "pepper", "summer", "cobalt");

    private CredentialSpecs() { }

    static List<Spec> all() {
        return List.of(password(), pin());
    }

    /** Passwords as people choose them: a word and digits, random strings, symbols; sometimes a plain word. */
    static String password(Random r) {
        String word = one(r, WORDS);
        return switch (r.nextInt(8)) {
            case 0, 1 -> word + digits(r, 1 + r.nextInt(4));
            case 2 -> Character.toUpperCase(word.charAt(0)) + word.substring(1) + one(r, "!", "#", "$", "@", "?*")
                    + digits(r, 2);
            case 3 -> Pick.chars(r, ALNUM, 10 + r.nextInt(8));
            case 4 -> Pick.chars(r, ALNUM, 6) + one(r, "!", "%", "^", "-", "_", "+") + Pick.chars(r, ALNUM, 5);
            case 5 -> one(r, WORDS) + "-" + one(r, WORDS) + "-" + digits(r, 2);
            case 6 -> "P@" + Pick.chars(r, LOWER, 4) + digits(r, 3);
            default -> word;
        };
    }

    private static Spec password() {
        return Spec.context(PiiType.PASSWORD, CredentialSpecs::password, List.of(
                "My password is {} and I can't log in.",
                "password: {}",
                "Here are your new credentials. Username: jsmith, password: {} (please change it after the first "
                        + "login).",
                "Your temporary password is {}. It expires in 24 hours.",
                "I set the wifi password to {} yesterday.",
                "DB_PASSWORD={}",
                "spring.datasource.password={}",
                "{\"username\": \"svc-report\", \"password\": \"{}\"}",
                "Server=sql01;Database=crm;User Id=app;Password={};Encrypt=true",
                "The password for the staging VPN is {}, don't share it.",
                "jdbc:mysql://db01:3306/crm?user=report&pwd={}&useSSL=true",
                "Connection: mongodb://reporter:{}@mongo.internal:27017/metrics",
                "Log in with passcode {} at the front desk kiosk.",
                "I changed my password to {} last week but it still fails.",
                "Sure! Set PGPASSWORD='{}' before running psql.",
                "Le mot de passe est {} pour le compte invité.",
                "pass: {}",
                "Can you check why the password \"{}\" is rejected?",
                "Password = {}",
                "My gmail login is jane.d and the pwd is {}."), List.of(
                r -> "Click the password reset link we emailed you.",
                r -> "The password is incorrect, please try again.",
                r -> "Use a password manager and a long passphrase for every account.",
                r -> "Password: " + "*".repeat(6 + r.nextInt(6)),
                r -> "DB_PASSWORD=${DB_PASSWORD}",
                r -> "The password field is required.",
                r -> "Your password must be at least " + (8 + r.nextInt(8)) + " characters long.",
                r -> "Please pass the report to " + one(r, "Maria", "the team", "legal") + " by Friday.",
                r -> "She will pass " + (2 + r.nextInt(9)) + " exams this term.",
                r -> "I forgot my password again, how do I recover it?",
                r -> "Order " + digits(r, 6) + " shipped with code " + Pick.chars(r, ALNUM, 10) + ".",
                r -> "The build " + one(r, WORDS) + digits(r, 2) + " passed all tests.",
                r -> "Boarding pass " + digits(r, 2) + "A is for seat " + digits(r, 2) + "C.",
                r -> "Password policy: rotate every " + (30 + r.nextInt(60)) + " days.",
                r -> "Enter your password below and press Enter.",
                r -> "Passwords are hashed with bcrypt before they are stored.",
                r -> "The mountain pass was closed after " + (10 + r.nextInt(40)) + " cm of snow.",
                r -> "Set password=<your password> in the config file.",
                r -> "Your password has been changed. If this wasn't you, contact support.",
                r -> "We never ask for your password by email.",
                r -> "Season pass holders get " + (5 + r.nextInt(20)) + "% off.",
                r -> "The API key " + Pick.chars(r, ALNUM, 24) + " was rotated today.",
                r -> "Password strength: strong.",
                r -> "Use " + one(r, WORDS) + "-" + digits(r, 3) + " as the branch name."));
    }

    private static Spec pin() {
        Function<Random, String> pin = r -> digits(r, one(r, 4, 4, 4, 4, 5, 6, 6, 8));
        return Spec.context(PiiType.PIN, pin, List.of(
                "My PIN is {}.",
                "PIN: {}",
                "The PIN for my debit card is {}, I think someone saw it.",
                "Your new card PIN is {}. Do not share it with anyone.",
                "SIM PIN {} and the phone still asks for the PUK.",
                "pin code {}",
                "I reset the PIN to {} at the ATM.",
                "Unlock the safe with PIN {} and reset it afterwards.",
                "Your voicemail PIN has been set to {}.",
                "atm pin = {}",
                "Le code PIN est {}.",
                "What's the PIN? It's {} for the door panel."), List.of(
                r -> "Enter your PIN at the terminal.",
                r -> "Pin " + (1 + r.nextInt(40)) + " of the header is ground.",
                r -> "Pin " + (1 + r.nextInt(9)) + " of the chip, " + digits(r, 4) + " units shipped.",
                r -> "Call extension " + digits(r, 4) + " for help.",
                r -> "The verification code " + digits(r, 6) + " was sent by text.",
                r -> "A PIN is usually " + one(r, 4, 6) + " digits long.",
                r -> "Please pin the tab so you don't lose it.",
                r -> "Room " + digits(r, 4) + " is on the fourth floor.",
                r -> "Never write your PIN on the card.",
                r -> "The pin " + digits(r, 4) + "-" + digits(r, 4) + "-" + digits(r, 4) + " is a part number.",
                r -> "Pinned " + digits(r, 4) + " messages in the channel.",
                r -> "In " + (2000 + r.nextInt(25)) + " we sold " + digits(r, 5) + " units.",
                r -> "PIN-protected cards were introduced in " + (1990 + r.nextInt(20)) + ".",
                r -> "The meeting room code " + digits(r, 4) + " opens the door.",
                r -> "Wrong PIN entered " + (2 + r.nextInt(2)) + " times, card locked."));
    }
}
