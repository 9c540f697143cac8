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
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Counts and splits text in tokens with a real BPE encoding, loaded once per instance (loading takes a while and a
 * few megabytes, so one provider holds one). Special-token text such as {@code <|endoftext|>} is counted as ordinary
 * text. Thread-safe.
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

    private final Encoding encoding;

    Tokenizer(EncodingType type) {
        this.encoding = Encodings.newLazyEncodingRegistry().getEncoding(type);
    }

    /** The tokens of {@code text}. */
    int count(String text) {
        return text == null || text.isEmpty() ? 0 : encoding.countTokensOrdinary(text);
    }

    /** The prompt tokens of a request (see the class comment). */
    int countInput(ChatRequest request) {
        int total = REPLY_PRIMING;
        for (Message m : request.messages()) {
            total += PER_MESSAGE + count(m.name());
            for (ContentBlock b : m.content()) {
                total += switch (b) {
                    case ContentBlock.Text t -> count(t.text());
                    case ContentBlock.Image ignored -> PER_IMAGE;
                    case ContentBlock.ToolUse u -> count(u.name()) + count(u.argumentsJson());
                    case ContentBlock.ToolResult r -> count(r.content());
                };
            }
        }
        for (Tool t : request.tools()) {
            total += count(t.name()) + count(t.description()) + count(Json.text(t.parameters()));
        }
        return total;
    }

    /**
     * Splits {@code text} into one chunk per token, keeping at most {@code limit} tokens. Chunks always hold whole
     * characters: a token that ends inside a multi-byte character is joined with the next ones, so a chunk may stand
     * for several tokens; characters cut by the limit are left out.
     */
    Tokens split(String text, int limit) {
        IntArrayList ids = encoding.encodeOrdinary(text);
        int kept = Math.min(ids.size(), Math.max(0, limit));
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
