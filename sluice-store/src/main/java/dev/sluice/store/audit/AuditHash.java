package dev.sluice.store.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.json.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.TreeMap;

/**
 * The hash of an audit row: HMAC-SHA256, under the {@link AuditKey}, of the previous hash and the row's canonical
 * JSON (keys sorted, compact). {@link #legacy} is the unkeyed SHA-256 of chains written before the key existed.
 */
final class AuditHash {

    static final String GENESIS = "0".repeat(64);

    private AuditHash() { }

    static String of(AuditKey key, String prevHash, long seq, Instant at, String actor, String action, String target,
                     JsonNode before, JsonNode after) {
        return key.mac(prevHash.getBytes(StandardCharsets.US_ASCII), content(seq, at, actor, action, target, before,
                after));
    }

    /** The unkeyed hash of older chains: anyone could recompute it, so it is only read, to convert such a chain. */
    static String legacy(String prevHash, long seq, Instant at, String actor, String action, String target,
                         JsonNode before, JsonNode after) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(prevHash.getBytes(StandardCharsets.US_ASCII));
            sha.update(content(seq, at, actor, action, target, before, after));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static byte[] content(long seq, Instant at, String actor, String action, String target, JsonNode before,
                                  JsonNode after) {
        ObjectNode row = Json.object();
        row.put("seq", seq).put("at", at.toString()).put("actor", actor).put("action", action).put("target", target);
        row.set("before", before == null ? Json.NODES.nullNode() : before);
        row.set("after", after == null ? Json.NODES.nullNode() : after);
        return Json.text(canonical(row)).getBytes(StandardCharsets.UTF_8);
    }

    /** The node with object keys sorted at every level, so equal content hashes equally. */
    static JsonNode canonical(JsonNode node) {
        if (node.isObject()) {
            TreeMap<String, JsonNode> sorted = new TreeMap<>();
            node.fields().forEachRemaining(e -> sorted.put(e.getKey(), canonical(e.getValue())));
            ObjectNode result = Json.object();
            sorted.forEach(result::set);
            return result;
        }
        if (node.isArray()) {
            ArrayNode result = Json.MAPPER.createArrayNode();
            node.forEach(item -> result.add(canonical(item)));
            return result;
        }
        return node;
    }
}
