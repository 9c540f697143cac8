package dev.sluice.simulator;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import com.knuddels.jtokkit.api.IntArrayList;
import dev.sluice.api.chat.ChatRequest;
import dev.sluice.api.chat.ContentBlock;
import dev.sluice.api.chat.Message;
import dev.sluice.api.chat.Tool;
import dev.sluice.api.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Counts and splits text in tokens with a real BPE encoding, loaded once per instance (loading takes a while and a
 * few megabytes, so one provider holds one). Special-token text such as {@code <|endoftext|>} is counted as ordinary
 * text. Thread-safe.
 *
 * <p>Bounded cost: this runs on the call's event loop, and BPE can be slow on some text (seconds and gigabytes for
 * megabytes of one repeated letter). So only the first {@value #EXACT_BYTES} bytes (UTF-8) of a request's text, taken
 * text by text in order (an {@link Allowance}), are tokenized exactly; the rest is estimated by {@link TokenEstimate}
 * at about four bytes per token, in one linear pass. Splitting an answer follows the same rule, so a split's count is
 * what counting the same text gives. Text that fits the allowance (nearly every prompt) is counted exactly.
 *
 * <p>Prompt tokens are counted the way OpenAI's chat models bill them: the tokens of every message's content plus
 * {@value #PER_MESSAGE} per message (its role and separators) plus {@value #REPLY_PRIMING} to prime the reply; tool
 * call arguments and tool results count as text; each image counts {@value #PER_IMAGE} (a low-detail image); each
 * offered tool counts the tokens of its name, description and JSON schema text.
 */
final class Tokenizer {

    static final int PER_MESSAGE = 3;
    static final int REPLY_PRIMING = 3;
    static final int PER_IMAGE = 85;

    /**
     * The bytes of UTF-8 text of one request (or one answer) that are tokenized exactly: about 2 ms of BPE for prose,
     * some 20 to 30 ms for the worst text measured (one repeated letter, random CJK).
     */
    static final int EXACT_BYTES = 64 * 1024;

    /** The most pieces whose tokens are kept ({@link #splitPieces}); the lorem vocabulary needs a few hundred. */
    private static final int MAX_PIECES = 4096;

    private final Encoding encoding;
    private final java.util.Map<String, List<String>> pieceTokens = new java.util.concurrent.ConcurrentHashMap<>();

    Tokenizer(EncodingType type) {
        this.encoding = Encodings.newLazyEncodingRegistry().getEncoding(type);
    }

    /** The tokens of {@code text}, with an allowance of its own. */
    int count(String text) {
        return count(text, new Allowance());
    }

    /** The tokens of {@code text}: exact for what {@code exact} still allows, estimated for the rest. */
    int count(String text, Allowance exact) {
        if (text == null || text.isEmpty()) {
            return 0;
        }
        int cut = exact.spend(text);
        int head = cut == 0 ? 0 : encoding.countTokensOrdinary(cut == text.length() ? text : text.substring(0, cut));
        return head + TokenEstimate.count(text, cut);
    }

    /** The prompt tokens of a request (see the class comment). */
    int countInput(ChatRequest request) {
        Allowance exact = new Allowance();
        int total = REPLY_PRIMING;
        for (Message m : request.messages()) {
            total += PER_MESSAGE + count(m.name(), exact);
            for (ContentBlock b : m.content()) {
                total += switch (b) {
                    case ContentBlock.Text t -> count(t.text(), exact);
                    case ContentBlock.Image ignored -> PER_IMAGE;
                    case ContentBlock.ToolUse u -> count(u.name(), exact) + count(u.argumentsJson(), exact);
                    case ContentBlock.ToolResult r -> count(r.content(), exact);
                    case ContentBlock.CachePoint ignored -> 0;
                };
            }
        }
        for (Tool t : request.tools()) {
            total += count(t.name(), exact) + count(t.description(), exact)
                    + count(Json.text(t.parameters()), exact);
        }
        return total;
    }

    /**
     * Splits {@code text} into one chunk per token, keeping at most {@code limit} tokens. Chunks always hold whole
     * characters: a token that ends inside a multi-byte character is joined with the next ones, so a chunk may stand
     * for several tokens; characters cut by the limit are left out. Beyond the first {@value #EXACT_BYTES} bytes the
     * chunks are {@link TokenEstimate} runs, one estimated token each.
     */
    Tokens split(String text, int limit) {
        int max = Math.max(0, limit);
        int cut = new Allowance().spend(text);
        Tokens head = splitExactly(cut == text.length() ? text : text.substring(0, cut), max);
        if (cut == text.length() || head.truncated()) {
            return head;
        }
        Tokens tail = TokenEstimate.split(text, cut, max - head.count());
        return new Tokens(concat(head.chunks(), tail.chunks()), head.count() + tail.count(), tail.truncated());
    }

    /**
     * Splits text given as pre-tokenizer pieces (see {@link Lorem#pieces}) into at most {@code limit} token chunks,
     * looking each piece's tokens up once: the same chunks and count as {@link #split} of the joined text, without
     * running BPE on every answer.
     */
    Tokens splitPieces(List<String> pieces, int limit) {
        int max = Math.max(0, limit);
        List<String> chunks = new ArrayList<>(Math.min(max, pieces.size() * 2));
        boolean truncated = false;
        for (String piece : pieces) {
            List<String> tokens = pieceTokens.get(piece);
            if (tokens == null) {
                tokens = splitExactly(piece, Integer.MAX_VALUE).chunks();
                if (pieceTokens.size() < MAX_PIECES) {
                    pieceTokens.put(piece, tokens);
                }
            }
            for (String t : tokens) {
                if (chunks.size() == max) {
                    truncated = true;
                    break;
                }
                chunks.add(t);
            }
            if (truncated) {
                break;
            }
        }
        return new Tokens(Collections.unmodifiableList(chunks), chunks.size(), truncated);
    }

    private Tokens splitExactly(String text, int limit) {
        IntArrayList ids = encoding.encodeOrdinary(text);
        int kept = Math.min(ids.size(), limit);
        List<String> chunks = new ArrayList<>(kept);
        IntArrayList one = new IntArrayList(1);
        one.add(0);
        byte[] pending = new byte[0];
        for (int i = 0; i < kept; i++) {
            one.set(0, ids.get(i));
            byte[] bytes = encoding.decodeBytes(one);
            pending = pending.length == 0 ? bytes : concat(pending, bytes);
            if (endsOnCharBoundary(pending)) {
                chunks.add(new String(pending, StandardCharsets.UTF_8));
                pending = new byte[0];
            }
        }
        return new Tokens(Collections.unmodifiableList(chunks), kept, ids.size() > kept);
    }

    /**
     * Text cut in token chunks.
     *
     * @param count the number of tokens the chunks stand for
     * @param truncated whether tokens were left out to respect the limit
     */
    record Tokens(List<String> chunks, int count, boolean truncated) {

        String text() { return String.join("", chunks); }
    }

    /**
     * What remains of one request's allowance of exactly tokenized text: {@link #EXACT_BYTES} bytes of UTF-8 at first.
     * Confined to the call that made it.
     */
    static final class Allowance {

        private int bytes = EXACT_BYTES;

        /**
         * Spends the allowance on the start of {@code text}; returns where the exactly counted part ends (a char
         * index, never inside a surrogate pair). Scans no further than the allowance reaches.
         */
        int spend(String text) {
            int i = 0;
            while (i < text.length()) {
                int width = TokenEstimate.utf8Width(text, i);
                if (width > bytes) {
                    break;
                }
                bytes -= width;
                i += TokenEstimate.chars(width);
            }
            return i;
        }
    }

    private static List<String> concat(List<String> head, List<String> tail) {
        if (head.isEmpty()) {
            return tail;
        }
        return new AbstractList<>() {
            @Override
            public String get(int i) {
                return i < head.size() ? head.get(i) : tail.get(i - head.size());
            }

            @Override
            public int size() {
                return head.size() + tail.size();
            }
        };
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** Whether the last UTF-8 sequence in {@code bytes} is complete. */
    static boolean endsOnCharBoundary(byte[] bytes) {
        int n = bytes.length;
        for (int back = 1; back <= Math.min(4, n); back++) {
            int b = bytes[n - back] & 0xFF;
            if ((b & 0xC0) != 0x80) {
                int expected = b < 0x80 ? 1 : b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
                return back >= expected;
            }
        }
        return true;
    }
}
