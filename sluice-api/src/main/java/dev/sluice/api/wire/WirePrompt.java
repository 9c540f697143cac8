package dev.sluice.api.wire;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;

/**
 * The texts of a caller's request that a guardrail checks, read from its body with the streaming parser (see
 * {@link ChatWireCodec#promptTexts}), and the body with those texts replaced in place: every other byte stays as the
 * caller sent it, so that a masked request can still take the provider's fast path. Immutable and thread-safe.
 */
public final class WirePrompt {

    private final byte[] body;
    private final List<WireText> texts;

    /**
     * @param texts the checked texts in document order, each one string token of {@code body}
     *     ({@link WireText#inPlace})
     * @throws IllegalArgumentException when a text is not one token, or the tokens are out of order
     */
    public WirePrompt(byte[] body, List<WireText> texts) {
        int last = 0;
        for (WireText t : texts) {
            if (!t.inPlace() || t.start() < last || t.end() > body.length) {
                throw new IllegalArgumentException("a prompt's texts must be string tokens of its body, in order");
            }
            last = t.end();
        }
        this.body = body;
        this.texts = List.copyOf(texts);
    }

    /** The texts to check, in document order. */
    public List<WireText> texts() { return texts; }

    /**
     * The body with each text replaced by the one at the same index of {@code replacements} (JSON-escaped), every
     * other byte as it was (a text replaced by itself included).
     *
     * @throws IllegalArgumentException when there is not one replacement per text
     */
    public byte[] replaced(List<String> replacements) {
        return splice(replacements).body();
    }

    /**
     * A body with texts replaced, and where the bytes outside those texts moved to.
     *
     * @param body the new body
     * @param ends the end of each replaced text's token in the old body, in order
     * @param shifts how far the bytes after each of those ends moved (all replacements up to it)
     */
    public record Spliced(byte[] body, int[] ends, int[] shifts) {
        /** Where the byte at {@code offset} of the old body, outside every replaced text, is in the new one. */
        public int moved(int offset) {
            int shift = 0;
            for (int i = 0; i < ends.length && ends[i] <= offset; i++) {
                shift = shifts[i];
            }
            return offset + shift;
        }
    }

    /** Like {@link #replaced}, and says where every other byte went (a peeked token's span, say). */
    public Spliced splice(List<String> replacements) {
        if (replacements.size() != texts.size()) {
            throw new IllegalArgumentException(texts.size() + " texts but " + replacements.size() + " replacements");
        }
        JsonStringEncoder encoder = JsonStringEncoder.getInstance();
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + 64);
        int[] ends = new int[texts.size()];
        int[] shifts = new int[texts.size()];
        int replaced = 0;
        int at = 0;
        for (int i = 0; i < texts.size(); i++) {
            WireText t = texts.get(i);
            if (replacements.get(i).equals(t.text())) {
                continue; // unchanged: its token stays as the caller wrote it, escapes and all
            }
            out.write(body, at, t.start() - at);
            out.write('"');
            out.writeBytes(encoder.quoteAsUTF8(replacements.get(i)));
            out.write('"');
            at = t.end();
            ends[replaced] = at;
            shifts[replaced++] = out.size() - at;
        }
        out.write(body, at, body.length - at);
        return new Spliced(out.toByteArray(), Arrays.copyOf(ends, replaced), Arrays.copyOf(shifts, replaced));
    }
}
