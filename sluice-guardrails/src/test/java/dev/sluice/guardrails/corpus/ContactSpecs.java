package dev.sluice.guardrails.corpus;

import static dev.sluice.guardrails.corpus.Pick.digits;
import static dev.sluice.guardrails.corpus.Pick.one;

import dev.sluice.guardrails.pii.PiiType;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/** E-mail addresses, phone numbers, URLs, IP and MAC addresses. */
final class ContactSpecs {

    static final List<String> FIRST = List.of("john", "maria", "wei", "aisha", "lars", "priya", "tom", "chloe",
            "diego", "fatima", "olga", "kenji", "sam", "noor", "lucas", "emma", "raj", "ines", "zoe", "ahmed");
    static final List<String> LAST = List.of("smith", "garcia", "chen", "okafor", "nilsson", "patel", "brown",
            "dubois", "rossi", "haddad", "ivanova", "tanaka", "lee", "khan", "silva", "muller", "kowalski", "obrien",
            "novak", "jensen");
    static final List<String> DOMAINS = List.of("example.com", "mail.example.org", "acme-corp.co.uk", "startup.io",
            "uni-bonn.de", "consulting.fr", "shop.example.net", "health.example.ca", "gmail.com", "outlook.com",
            "proton.me", "yahoo.co.jp", "company.com.au", "studio.design", "law-firm.legal");

    private ContactSpecs() { }

    static List<Spec> all() {
        return List.of(email(), phone(), url(), ip(), mac());
    }

    static String email(Random r) {
        String first = one(r, FIRST);
        String last = one(r, LAST);
        String local = switch (r.nextInt(7)) {
            case 0 -> first + "." + last;
            case 1 -> first.charAt(0) + last;
            case 2 -> first + "_" + last + r.nextInt(100);
            case 3 -> first + "+" + one(r, "news", "billing", "work", "test");
            case 4 -> first + last.charAt(0) + digits(r, 2);
            case 5 -> one(r, "support", "info", "billing", "hr", "no-reply", "sales");
            default -> first + "-" + last;
        };
        String address = local + "@" + one(r, DOMAINS);
        return r.nextInt(8) == 0 ? capitalise(address) : address;
    }

    private static String capitalise(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static Spec email() {
        return Spec.of(PiiType.EMAIL, ContactSpecs::email, r -> {
            String first = one(r, FIRST);
            String last = one(r, LAST);
            String domain = one(r, DOMAINS);
            return switch (r.nextInt(8)) {
                case 0 -> first + "." + last + "@" + domain.substring(0, domain.indexOf('.'));
                case 1 -> first + ".." + last + "@" + domain;
                case 2 -> first + last + ".@" + domain;
                case 3 -> first + "@@" + domain;
                case 4 -> first + "." + last + "@" + domain.substring(0, domain.lastIndexOf('.') + 2);
                case 5 -> first + "@-" + domain;
                case 6 -> "@" + first + "_" + last;
                default -> first + "@" + domain.replace(".", "..");
            };
        }, List.of(
                "Please send the signed contract to {} before Friday.",
                "You can reach me at {} if anything changes.",
                "My email address is {}.",
                "Forwarding this thread to {} for review.",
                "Contact: {}",
                "Invoices go to {}, not to the sales inbox.",
                "Ask {} for access to the shared drive.",
                "I unsubscribed {} from the newsletter yesterday.",
                "Mon adresse e-mail est {}, merci.",
                "Schreiben Sie bitte an {} wegen des Termins.",
                "cc {} on the reply so the team sees it",
                "Login failed for user {} after three attempts.",
                "Reply-To: {}"));
    }

    static String phone(Random r) {
        String area = (char) ('2' + r.nextInt(8)) + digits(r, 2);
        String exchange = (char) ('2' + r.nextInt(8)) + digits(r, 2);
        String line = digits(r, 4);
        return switch (r.nextInt(16)) {
            case 0 -> "(" + area + ") " + exchange + "-" + line;
            case 1 -> area + "-" + exchange + "-" + line;
            case 2 -> area + "." + exchange + "." + line;
            case 3 -> area + " " + exchange + " " + line;
            case 4 -> "+1 " + area + " " + exchange + " " + line;
            case 5 -> "+1-" + area + "-" + exchange + "-" + line;
            case 6 -> "+1 (" + area + ") " + exchange + "-" + line;
            case 7 -> "+44 20 " + digits(r, 4) + " " + digits(r, 4);
            case 8 -> "+44 7" + digits(r, 3) + " " + digits(r, 6);
            case 9 -> "+49 30 " + digits(r, 8);
            case 10 -> "+33 " + (1 + r.nextInt(7)) + " " + digits(r, 2) + " " + digits(r, 2) + " " + digits(r, 2)
                    + " " + digits(r, 2);
            case 11 -> "+91 9" + digits(r, 4) + " " + digits(r, 5);
            case 12 -> "+81 3-" + digits(r, 4) + "-" + digits(r, 4);
            case 13 -> "+44 (0)20 " + digits(r, 4) + " " + digits(r, 4);
            case 14 -> one(r, "020 " + digits(r, 4) + " " + digits(r, 4), "0161 " + digits(r, 3) + " " + digits(r, 4),
                    "07700 " + digits(r, 6));
            default -> "+61 2 " + digits(r, 4) + " " + digits(r, 4);
        };
    }

    private static Spec phone() {
        return Spec.of(PiiType.PHONE, ContactSpecs::phone, r -> {
            String line = digits(r, 4);
            String good = (char) ('2' + r.nextInt(8)) + digits(r, 2);
            String bad = (char) ('0' + r.nextInt(2)) + digits(r, 2);
            return switch (r.nextInt(7)) {
                case 0 -> "(1" + digits(r, 2) + ") " + good + "-" + line;
                case 1 -> "1" + digits(r, 2) + "-" + good + "-" + line;
                case 2 -> good + "-" + bad + "-" + line;
                case 3 -> good + "-" + good + "-" + line + r.nextInt(10);
                case 4 -> "+1 " + good + " " + good + " " + digits(r, 3);
                case 5 -> "+44" + digits(r, 16);
                default -> digits(r, 4) + "-" + good + "-" + digits(r, 3);
            };
        }, List.of(
                "Call me at {} when you land.",
                "My mobile number is {}.",
                "The front desk can be reached on {}.",
                "Please text {} to confirm the booking.",
                "Phone: {}",
                "For urgent issues ring {} at any hour.",
                "Leave a voicemail at {} and we will call back.",
                "Her new number is {}, the old one no longer works.",
                "Mi número de teléfono es {}.",
                "Fax the signed form to {}.",
                "Customer reported a missed call from {} this morning.",
                "You can WhatsApp me on {}."));
    }

    static String url(Random r) {
        String host = one(r, "www.example.com", "shop.example.co.uk", "docs.example.org", "example.com",
                "status.acme-corp.io", "files.example.net", "blog.startup.io", "intranet.example.de");
        String path = one(r, "", "/", "/pricing", "/docs/getting-started", "/cart?id=" + digits(r, 4),
                "/guide#install", "/api/v1/users?page=" + (1 + r.nextInt(9)), "/downloads/setup.exe",
                "/reset-password?token=" + Pick.chars(r, "abcdefghijklmnopqrstuvwxyz0123456789", 12),
                "/wiki/Main_Page", "/search?q=guardrails&lang=en");
        return switch (r.nextInt(8)) {
            case 0 -> "http://" + host + path;
            case 1 -> "www." + host.replaceFirst("^www\\.", "") + path;
            case 2 -> "https://" + host + ":" + (8000 + r.nextInt(1000)) + path;
            case 3 -> "ftp://" + host + "/pub/release-" + r.nextInt(10) + ".tar.gz";
            case 4 -> "http://localhost:" + (3000 + r.nextInt(6000)) + path;
            default -> "https://" + host + path;
        };
    }

    private static Spec url() {
        return Spec.of(PiiType.URL, ContactSpecs::url, r -> {
            String host = one(r, "example.com", "shop.example.co.uk", "docs.example.org", "acme-corp.io");
            return switch (r.nextInt(5)) {
                case 0 -> "http//" + host + "/login";
                case 1 -> "https:/" + host + "/pricing";
                case 2 -> "hxxps://" + host.replace(".", "[.]") + "/payload";
                case 3 -> host.replace(".", " dot ");
                default -> "https://";
            };
        }, List.of(
                "Visit {} for the full schedule.",
                "The docs are at {}.",
                "Click {} to reset your password.",
                "I found it on {} last night.",
                "Link: {}",
                "Download the installer from {} and run it.",
                "See {} (the second section) for details.",
                "The webhook posts to {}.",
                "Check out {}!",
                "Our status page {} shows no incidents.",
                "Bookmark {} for later."));
    }

    static String ip(Random r) {
        return switch (r.nextInt(6)) {
            case 0 -> "192.168." + r.nextInt(256) + "." + (1 + r.nextInt(254));
            case 1 -> "10." + r.nextInt(256) + "." + r.nextInt(256) + "." + (1 + r.nextInt(254));
            case 2 -> (1 + r.nextInt(223)) + "." + r.nextInt(256) + "." + r.nextInt(256) + "." + r.nextInt(256);
            case 3 -> "2001:db8:" + hex(r, 4) + ":" + hex(r, 4) + "::" + hex(r, 3);
            case 4 -> "fe80::" + hex(r, 4) + ":" + hex(r, 4) + ":" + hex(r, 4) + ":" + hex(r, 4);
            default -> String.join(":", hex(r, 4), hex(r, 4), hex(r, 4), hex(r, 4), hex(r, 4), hex(r, 4),
                    hex(r, 4), hex(r, 4));
        };
    }

    static String hex(Random r, int n) {
        String h = Pick.chars(r, "0123456789abcdef", n).replaceFirst("^0+(?=.)", "");
        return r.nextInt(5) == 0 ? h.toUpperCase(Locale.ROOT) : h;
    }

    private static Spec ip() {
        return Spec.of(PiiType.IP_ADDRESS, ContactSpecs::ip, r -> switch (r.nextInt(8)) {
            case 0 -> (256 + r.nextInt(700)) + "." + r.nextInt(256) + "." + r.nextInt(256) + "." + r.nextInt(256);
            case 1 -> "192.168." + r.nextInt(256);
            case 2 -> "10." + r.nextInt(256) + "." + r.nextInt(256) + "." + r.nextInt(256) + "." + r.nextInt(256);
            case 3 -> "0" + r.nextInt(10) + ".0" + r.nextInt(10) + ".0" + r.nextInt(10) + ".0" + r.nextInt(10);
            case 4 -> "2001:db8::" + hex(r, 4) + "::" + hex(r, 2);
            case 5 -> String.join(":", hex(r, 4), hex(r, 4), hex(r, 4), hex(r, 4), hex(r, 4), hex(r, 4),
                    hex(r, 4));
            case 6 -> "fe80:::" + hex(r, 4);
            default -> (10 + r.nextInt(14)) + ":" + (10 + r.nextInt(50)) + ":" + (10 + r.nextInt(50));
        }, List.of(
                "The server at {} stopped responding.",
                "Please whitelist {} on the firewall.",
                "My IP address is {}.",
                "Failed login attempts came from {}.",
                "ping {} returned no reply",
                "Point the DNS record to {}.",
                "The gateway is {}, not the router.",
                "Requests from {} were rate limited.",
                "Connect to the database host {}.",
                "Nginx logs show {} hitting the login page."))
                .withNeutral(List.of(
                        "Upgrade the agent to version {} tonight.",
                        "Firmware {} fixes the boot loop.",
                        "Release {} is the last one with Java 17 support.",
                        "The nightly build {} failed its smoke tests."),
                        r -> (1 + r.nextInt(9)) + "." + r.nextInt(20) + "." + r.nextInt(10) + "." + r.nextInt(200));
    }

    static String mac(Random r) {
        String[] b = new String[6];
        for (int i = 0; i < 6; i++) {
            b[i] = Pick.chars(r, "0123456789ABCDEF", 2);
        }
        String colon = String.join(":", b);
        return switch (r.nextInt(5)) {
            case 0, 1 -> colon;
            case 2 -> colon.toLowerCase(Locale.ROOT);
            case 3 -> String.join("-", b);
            default -> (b[0] + b[1] + "." + b[2] + b[3] + "." + b[4] + b[5]).toLowerCase(Locale.ROOT);
        };
    }

    private static Spec mac() {
        return Spec.of(PiiType.MAC_ADDRESS, ContactSpecs::mac, r -> {
            String m = mac(r);
            while (m.indexOf(':') < 0) {
                m = mac(r);
            }
            return switch (r.nextInt(5)) {
                case 0 -> m.substring(0, 14);
                case 1 -> m + ":" + Pick.chars(r, "0123456789ABCDEF", 2);
                case 2 -> m.substring(0, 3) + "G" + m.substring(4);
                case 3 -> m.substring(0, 5) + "-" + m.substring(6);
                default -> m.replace(":", "").substring(0, 9) + "." + m.replace(":", "").substring(9);
            };
        }, List.of(
                "The device with MAC address {} keeps dropping off the network.",
                "Add {} to the allowed devices list.",
                "Ethernet adapter physical address: {}",
                "The access point's BSSID is {}.",
                "Wi-Fi MAC {} belongs to the lobby printer.",
                "DHCP reservation for {} ends tonight.",
                "Spoofed hardware address {} detected.",
                "Register {} before connecting."));
    }
}
