package dev.sluice.store.content;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;

/**
 * The standard {@link Redactor}: e-mails, Luhn-valid card numbers, bearer tokens and common API key shapes. Every
 * pattern is RE2/J's, so redaction takes time linear in the text whatever it holds (a long run of letters once took
 * java.util.regex's backtracking e-mail pattern minutes for a 200 KB body).
 */
final class PatternRedactor implements Redactor {

    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}");
    /** 13 to 19 digits, single spaces or dashes between them; that no digit touches either end is checked after. */
    private static final Pattern CARD = Pattern.compile("[0-9](?:[ -]?[0-9]){12,18}");
    private static final Pattern BEARER = Pattern.compile("(?i)(bearer\\s+)[A-Za-z0-9._~+/=-]{8,}");
    private static final Pattern API_KEY = Pattern.compile("\\b(?:sk|sk-ant|sk-proj|AKIA)[A-Za-z0-9_-]{12,}\\b");

    @Override
    public String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String result = BEARER.matcher(text).replaceAll("$1[REDACTED_TOKEN]");
        result = API_KEY.matcher(result).replaceAll("[REDACTED_KEY]");
        result = EMAIL.matcher(result).replaceAll("[REDACTED_EMAIL]");
        return cards(result);
    }

    private static String cards(String text) {
        Matcher m = CARD.matcher(text);
        StringBuilder out = null;
        int last = 0;
        while (m.find()) {
            int start = m.start();
            int end = m.end();
            boolean alone = (start == 0 || !digit(text.charAt(start - 1)))
                    && (end == text.length() || !digit(text.charAt(end)));
            if (alone && luhn(m.group())) {
                if (out == null) {
                    out = new StringBuilder(text.length());
                }
                out.append(text, last, start).append("[REDACTED_CARD]");
                last = end;
            }
        }
        return out == null ? text : out.append(text, last, text.length()).toString();
    }

    private static boolean digit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean luhn(String candidate) {
        int sum = 0;
        boolean twice = false;
        for (int i = candidate.length() - 1; i >= 0; i--) {
            char c = candidate.charAt(i);
            if (!digit(c)) {
                continue;
            }
            int d = c - '0';
            if (twice) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            twice = !twice;
        }
        return sum % 10 == 0;
    }
}
