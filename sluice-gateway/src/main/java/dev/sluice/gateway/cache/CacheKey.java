package dev.sluice.gateway.cache;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.chat.ChatRequest;
import dev.sluice.api.chat.ContentBlock;
import dev.sluice.api.chat.Message;
import dev.sluice.api.chat.ResponseFormat;
import dev.sluice.api.chat.Tool;
import dev.sluice.api.chat.ToolChoice;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;

/**
 * The key of a request in the cache: a SHA-256 over its scope and its normalised canonical form, so a request that
 * decodes to the same canonical request gets the same key whatever API it came in on. Everything that changes the
 * answer counts (the public name, the messages, the tools and tool choice, the response format, the sampling
 * parameters, the output limit, the stop sequences, the seed); what does not is left out (streaming, the usage
 * option, the caller's {@code user}). JSON schemas count by content, whatever the order of their keys. Each field is
 * written with its length, so no two different requests can write the same bytes. Stateless.
 */
public final class CacheKey {

    private CacheKey() { }

    /** The exact key of {@code request} in {@code scope}: 64 hex digits. */
    public static String exact(String scope, ChatRequest request) {
        Writer w = new Writer("exact", scope);
        context(w, request);
        messages(w, request.messages());
        return w.hex();
    }

    /**
     * The key of everything but the messages: two requests whose prompts are merely similar match semantically only
     * when this key is equal (same scope, name, tools and parameters).
     */
    public static String context(String scope, ChatRequest request) {
        Writer w = new Writer("context", scope);
        context(w, request);
        return w.hex();
    }

    /**
     * For the semantic cache: the key of everything but the last message, which must be the user's text alone, or
     * null when the request cannot be matched semantically (the last message is not a user's, or holds more than
     * text). Two prompts are compared only when this key is equal: same scope, name, tools, parameters, system
     * prompt and earlier turns.
     */
    public static String semanticContext(String scope, ChatRequest request) {
        List<Message> messages = request.messages();
        if (messages.isEmpty() || !isUserText(messages.getLast())) {
            return null;
        }
        Writer w = new Writer("semantic", scope);
        context(w, request);
        messages(w, messages.subList(0, messages.size() - 1));
        return w.hex();
    }

    /** The number of turns (user, assistant and tool messages) of {@code request}; system prompts do not count. */
    public static int turns(ChatRequest request) {
        int n = 0;
        for (Message m : request.messages()) {
            if (m.role() != dev.sluice.api.chat.Role.SYSTEM) {
                n++;
            }
        }
        return n;
    }

    private static boolean isUserText(Message m) {
        if (m.role() != dev.sluice.api.chat.Role.USER || m.content().isEmpty()) {
            return false;
        }
        for (ContentBlock b : m.content()) {
            if (!(b instanceof ContentBlock.Text)) {
                return false;
            }
        }
        return true;
    }

    private static void context(Writer w, ChatRequest r) {
        w.text(r.model());
        w.count(r.tools().size());
        for (Tool t : r.tools()) {
            w.text(t.name()).text(t.description()).json(t.parameters()).text(String.valueOf(t.strict()));
        }
        ToolChoice c = r.toolChoice();
        w.text(c == null ? null : c.mode().name()).text(c == null ? null : c.name());
        w.text(String.valueOf(r.parallelToolCalls()));
        ResponseFormat f = r.responseFormat();
        w.text(f == null ? null : f.type().name()).text(f == null ? null : f.name())
                .json(f == null ? null : f.schema()).text(f == null ? null : String.valueOf(f.strict()));
        w.text(String.valueOf(r.maxTokens())).text(String.valueOf(r.temperature())).text(String.valueOf(r.topP()))
                .text(String.valueOf(r.seed()));
        w.count(r.stop().size());
        r.stop().forEach(w::text);
    }

    private static void messages(Writer w, List<Message> messages) {
        w.count(messages.size());
        for (Message m : messages) {
            w.text(m.role().name()).text(m.name()).count(m.content().size());
            for (ContentBlock b : m.content()) {
                switch (b) {
                    case ContentBlock.Text t -> w.text("text").text(t.text());
                    case ContentBlock.Image i -> w.text("image").text(i.mediaType()).text(i.base64Data())
                            .text(i.url());
                    case ContentBlock.ToolUse u -> w.text("tool_use").text(u.id()).text(u.name())
                            .text(u.argumentsJson());
                    case ContentBlock.ToolResult r -> w.text("tool_result").text(r.toolUseId()).text(r.content())
                            .text(String.valueOf(r.isError()));
                    case ContentBlock.CachePoint c -> w.text("cache_point").text(c.ttl());
                }
            }
        }
    }

    /** Writes length-prefixed fields into a digest. Not thread-safe; one per key. */
    private static final class Writer {
        private final MessageDigest digest;

        Writer(String kind, String scope) {
            try {
                digest = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is missing from this JVM", e);
            }
            text(kind).text(scope);
        }

        Writer text(String s) {
            if (s == null) {
                count(-1);
                return this;
            }
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            count(b.length);
            digest.update(b);
            return this;
        }

        Writer count(int n) {
            digest.update((byte) (n >>> 24));
            digest.update((byte) (n >>> 16));
            digest.update((byte) (n >>> 8));
            digest.update((byte) n);
            return this;
        }

        /** A JSON value, objects' keys in sorted order. */
        Writer json(JsonNode n) {
            if (n == null || n.isMissingNode()) {
                return text(null);
            }
            if (n.isObject()) {
                List<String> keys = new ArrayList<>();
                for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
                    keys.add(it.next());
                }
                keys.sort(null);
                text("{").count(keys.size());
                keys.forEach(k -> text(k).json(n.get(k)));
                return this;
            }
            if (n.isArray()) {
                text("[").count(n.size());
                n.forEach(this::json);
                return this;
            }
            return text(n.getNodeType().name()).text(n.asText());
        }

        String hex() {
            return HexFormat.of().formatHex(digest.digest());
        }
    }
}
