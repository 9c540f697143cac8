package dev.sluice.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A recorded upstream HTTP response: a status line, header lines, a blank line, then the body bytes exactly as sent
 * (text or binary). Files end in {@code .http}; the body is everything after the first blank line, untouched.
 */
public record Transcript(int status, List<String[]> headers, byte[] body) {

    public static Transcript load(Path file) {
        try {
            return parse(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Transcript parse(byte[] raw) {
        int headEnd = -1;
        int bodyStart = -1;
        for (int i = 0; i < raw.length - 1; i++) {
            if (raw[i] == '\n' && raw[i + 1] == '\n') {
                headEnd = i;
                bodyStart = i + 2;
                break;
            }
            if (raw[i] == '\n' && raw[i + 1] == '\r' && i + 2 < raw.length && raw[i + 2] == '\n') {
                headEnd = i;
                bodyStart = i + 3;
                break;
            }
        }
        if (headEnd < 0) {
            headEnd = raw.length;
            bodyStart = raw.length;
        }
        String head = new String(raw, 0, headEnd, StandardCharsets.UTF_8);
        String[] lines = head.split("\r?\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        List<String[]> headers = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.add(new String[] {lines[i].substring(0, colon).trim(), lines[i].substring(colon + 1).trim()});
            }
        }
        byte[] body = new byte[raw.length - bodyStart];
        System.arraycopy(raw, bodyStart, body, 0, body.length);
        return new Transcript(status, headers, body);
    }
}
