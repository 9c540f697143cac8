package dev.sluice.api.json;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

/** Replaces one token of a JSON document's bytes, copying the rest as it is. */
public final class JsonSplice {

    private JsonSplice() { }

    /** {@code body} with the bytes from {@code start} to {@code end} replaced by {@code value} as a JSON string. */
    public static byte[] replaceWithString(byte[] body, int start, int end, String value) {
        byte[] quoted = quote(value);
        byte[] out = new byte[body.length - (end - start) + quoted.length];
        System.arraycopy(body, 0, out, 0, start);
        System.arraycopy(quoted, 0, out, start, quoted.length);
        System.arraycopy(body, end, out, start + quoted.length, body.length - end);
        return out;
    }

    /** {@code body} with {@code token} replaced by {@code value} as a JSON string; {@code body} when token is null. */
    public static byte[] replaceWithString(byte[] body, JsonMembers.StringToken token, String value) {
        return token == null ? body : replaceWithString(body, token.start(), token.end(), value);
    }

    private static byte[] quote(String value) {
        byte[] inner = JsonStringEncoder.getInstance().quoteAsUTF8(value);
        byte[] q = new byte[inner.length + 2];
        q[0] = '"';
        System.arraycopy(inner, 0, q, 1, inner.length);
        q[q.length - 1] = '"';
        return q;
    }
}
