package dev.sluice.guardrails.content.internal;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Finds runs of base64 (standard or URL-safe alphabet, at least {@value #MIN_RUN} characters, with a letter case mix
 * or digits, as encoded text has) and decodes those that hold readable UTF-8 text. A hex digest, a word or a path
 * does not decode to text, so it is left alone. At most {@value #MAX_RUNS} runs per text, so that a body of base64
 * costs no more than twice its length. Stateless and thread-safe.
 */
final class Base64Runs {

    static final int MIN_RUN = 16;
    private static final int MAX_RUNS = 64;

    private Base64Runs() { }

    static List<String> decode(String text) {
        List<String> out = new ArrayList<>(0);
        int n = text.length();
        int i = 0;
        while (i < n && out.size() < MAX_RUNS) {
            if (!isBase64(text.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            boolean upper = false;
            boolean lower = false;
            while (i < n && isBase64(text.charAt(i))) {
                char c = text.charAt(i++);
                upper |= c >= 'A' && c <= 'Z';
                lower |= c >= 'a' && c <= 'z';
            }
            if (i - start >= MIN_RUN && upper && lower) {
                String decoded = decodeRun(text, start, i);
                if (decoded != null) {
                    out.add(decoded);
                }
            }
        }
        return out;
    }

    private static boolean isBase64(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/'
                || c == '=' || c == '-' || c == '_';
    }

    private static String decodeRun(String text, int start, int end) {
        StringBuilder b = new StringBuilder(end - start + 3);
        for (int k = start; k < end; k++) {
            char c = text.charAt(k);
            if (c != '=') {
                b.append(c == '-' ? '+' : c == '_' ? '/' : c);
            }
        }
        if (b.length() % 4 == 1) {
            b.setLength(b.length() - 1);
        }
        while (b.length() % 4 != 0) {
            b.append('=');
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(b.toString());
        } catch (IllegalArgumentException e) {
            return null;
        }
        String s = utf8(bytes);
        return s != null && readable(s) ? s : null;
    }

    private static String utf8(byte[] bytes) {
        try {
            CharBuffer cb = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            return cb.toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** Nearly all letters, digits, spaces and punctuation, with some letters and at least one space. */
    private static boolean readable(String s) {
        int good = 0;
        int letters = 0;
        int spaces = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isLetter(c)) {
                letters++;
                good++;
            } else if (c == ' ' || c == '\n' || c == '\t') {
                spaces++;
                good++;
            } else if (!Character.isISOControl(c)) {
                good++;
            }
        }
        return good >= s.length() * 0.95 && letters >= s.length() / 2 && (spaces > 0 || s.length() < 24);
    }
}
