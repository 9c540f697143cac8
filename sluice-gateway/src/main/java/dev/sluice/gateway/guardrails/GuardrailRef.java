package dev.sluice.gateway.guardrails;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A guardrail version by name: its id and {@code DRAFT} or a version number. Parsed from config
 * ({@code guardrail: {id, version}}) and from the {@code x-sluice-guardrail: id[:version]} header.
 */
public record GuardrailRef(String id, String version) {

    public static final String DRAFT = "DRAFT";
    private static final Pattern ID = Pattern.compile("[a-z0-9]{1,64}");
    private static final Pattern VERSION = Pattern.compile("DRAFT|[1-9][0-9]{0,7}");

    public GuardrailRef {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(version, "version");
    }

    /** Whether {@code id} is a guardrail id: 1 to 64 lowercase letters and digits. */
    public static boolean validId(String id) {
        return id != null && ID.matcher(id).matches();
    }

    public static boolean validVersion(String version) {
        return version != null && VERSION.matcher(version).matches();
    }

    /**
     * The header's value ({@code support}, {@code support:3}, {@code support:DRAFT}; no version means DRAFT, as
     * Bedrock's working draft), or null when it is malformed.
     */
    public static GuardrailRef parseHeader(String value) {
        if (value == null) {
            return null;
        }
        String v = value.trim();
        int colon = v.indexOf(':');
        String id = colon < 0 ? v : v.substring(0, colon);
        String version = colon < 0 ? DRAFT : v.substring(colon + 1);
        return ID.matcher(id).matches() && validVersion(version) ? new GuardrailRef(id, version) : null;
    }

    @Override
    public String toString() {
        return id + ":" + version;
    }
}
