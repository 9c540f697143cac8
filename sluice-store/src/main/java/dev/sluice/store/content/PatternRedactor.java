package dev.sluice.store.content;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The standard {@link Redactor}: e-mails, Luhn-valid card numbers, bearer tokens and common API key shapes. */
final class PatternRedactor implements Redactor {

    private final Pattern email = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}");
    private final Pattern card = Pattern.compile("(?<![0-9])[0-9](?:[ -]?[0-9]){12,18}(?![0-9])");
    private final Pattern bearer = Pattern.compile("(?i)(bearer\\s+)[A-Za-z0-9._~+/=-]{8,}");
    private final Pattern apiKey = Pattern.compile("\\b(?:sk|sk-ant|sk-proj|AKIA)[A-Za-z0-9_-]{12,}\\b");

    @Override
    public String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String result = bearer.matcher(text).replaceAll("$1[REDACTED_TOKEN]");
        result = apiKey.matcher(result).replaceAll("[REDACTED_KEY]");
        result = email.matcher(result).replaceAll("[REDACTED_EMAIL]");
        Matcher m = card.matcher(result);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, luhn(m.group()) ? "[REDACTED_CARD]" : Matcher.quoteReplacement(m.group()));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static boolean luhn(String candidate) {
        String digits = candidate.replaceAll("[ -]", "");
        int sum = 0;
        boolean twice = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
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
