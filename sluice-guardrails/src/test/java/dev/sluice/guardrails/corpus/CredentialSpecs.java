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
        return List.of(password(), pin(), username());
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
                "Here are your new credentials. Username: [[USERNAME]], password: {} (please change it after the first "
                        + "login).",
                "Your temporary password is {}. It expires in 24 hours.",
                "I set the wifi password to {} yesterday.",
                "DB_PASSWORD={}",
                "spring.datasource.password={}",
                "{\"username\": \"[[USERNAME]]\", \"password\": \"{}\"}",
                "Server=sql01;Database=crm;User Id=[[USERNAME]];Password={};Encrypt=true",
                "The password for the staging VPN is {}, don't share it.",
                "jdbc:mysql://db01:3306/crm?user=[[USERNAME]]&pwd={}&useSSL=true",
                "Connection: mongodb://[[USERNAME]]:{}@mongo.internal:27017/metrics",
                "Log in with passcode {} at the front desk kiosk.",
                "I changed my password to {} last week but it still fails.",
                "Sure! Set PGPASSWORD='{}' before running psql.",
                "Le mot de passe est {} pour le compte invité.",
                "pass: {}",
                "Can you check why the password \"{}\" is rejected?",
                "Password = {}",
                "My gmail login is [[USERNAME]] and the pwd is {}."), List.of(
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

    /** User names as services allow them: names with dots, digits, underscores and hyphens, handles, service ids. */
    static String username(Random r) {
        String first = one(r, "anna", "jsmith", "d", "maria", "kofi", "li", "omar", "sven", "priya", "tom", "eve");
        String last = one(r, "okafor", "kowalski", "nguyen", "berg", "dubois", "tanaka", "ruiz", "smith");
        return switch (r.nextInt(7)) {
            case 0 -> first + "." + last;
            case 1 -> first + last + digits(r, 2);
            case 2 -> first + "_" + last;
            case 3 -> "svc-" + one(r, "report", "etl", "backup", "deploy", "billing");
            case 4 -> first.charAt(0) + last;
            case 5 -> one(r, "Sunny", "Dark", "Pixel", "Grumpy", "Lucky") + one(r, "Fox", "Coder", "Cat", "Wolf")
                    + digits(r, 2);
            default -> first + last;
        };
    }

    private static Spec username() {
        return Spec.context(PiiType.USERNAME, CredentialSpecs::username, List.of(
                "My username is {} and the reset email never arrives.",
                "Username: {}",
                "Your account has been created. Login: {} (you will be asked to set a password).",
                "user={}",
                "Please unlock the account with user ID {}, it was locked after the migration.",
                "Follow me on Twitter @{} for release notes.",
                "Her Instagram is @{}, she posts the menus there.",
                "login: {} / password: [[PASSWORD]]",
                "The Jenkins job runs as user id {} on the build agents.",
                "You can find my code on GitHub: @{}",
                "Nom d'utilisateur : {}",
                "{\"user\": \"{}\", \"role\": \"viewer\"}",
                "ssh://{}@git.internal:22/repo.git was rejected.",
                "My handle is {} on the forum.",
                "Sure, I've reset access for user name {}; they should log in again.",
                "amqp://{}:[[PASSWORD]]@rabbit.internal:5672/orders"), List.of(
                r -> "The login page is down again.",
                r -> "Enter your username and password below.",
                r -> "The username field is required.",
                r -> "The user is happy with the result of release " + r.nextInt(10) + "." + r.nextInt(10) + ".",
                r -> "Login attempts from " + (2 + r.nextInt(50)) + " networks were blocked.",
                r -> "Write to [[EMAIL]] about the invoice.",
                r -> "Username: [[EMAIL]]",
                r -> "Meet me @ " + (1 + r.nextInt(11)) + "pm at the cafe.",
                r -> "I read it on Twitter yesterday, it had " + digits(r, 4) + " likes.",
                r -> "Ping @here on Slack when the deploy ends.",
                r -> "uid=" + digits(r, 4) + " gid=" + digits(r, 4),
                r -> "The handle of the door broke after " + (2 + r.nextInt(10)) + " years.",
                r -> "Each user gets " + (5 + r.nextInt(50)) + " GB of storage.",
                r -> "Users can log in with SSO or a passkey.",
                r -> "Forward it to " + username(r) + " and cc the team.",
                r -> "The user name must be unique.",
                r -> "Choose a username with at least " + (3 + r.nextInt(5)) + " characters.",
                r -> "We handle " + digits(r, 4) + " requests per second at peak.",
                r -> "Reach us at [[URL]] or on GitHub.",
                r -> "The user ID is shown on the profile page."));
    }
}
