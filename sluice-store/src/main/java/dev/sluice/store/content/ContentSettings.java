package dev.sluice.store.content;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.spi.ConfigException;

/**
 * The {@code content_capture} section: {@code {enabled: false, max_bytes: 65536}}.
 *
 * @param maxBytes each body is cut to at most this many UTF-8 bytes after redaction
 */
public record ContentSettings(boolean enabled, int maxBytes) {

    public static final ContentSettings OFF = new ContentSettings(false, 65_536);

    public ContentSettings {
        if (maxBytes < 1 || maxBytes > 16 * 1024 * 1024) {
            throw new ConfigException("content_capture.max_bytes", "must be between 1 and 16777216, got " + maxBytes);
        }
    }

    public static ContentSettings from(JsonNode section) {
        if (section == null || section.isNull() || section.isMissingNode()) {
            return OFF;
        }
        if (section.isBoolean()) {
            return new ContentSettings(section.booleanValue(), OFF.maxBytes);
        }
        if (!section.isObject()) {
            throw new ConfigException("content_capture", "must be true, false or {enabled, max_bytes}");
        }
        section.fieldNames().forEachRemaining(name -> {
            if (!name.equals("enabled") && !name.equals("max_bytes")) {
                throw new ConfigException("content_capture." + name, "unknown key (known: enabled, max_bytes)");
            }
        });
        JsonNode enabled = section.path("enabled");
        if (!enabled.isMissingNode() && !enabled.isBoolean()) {
            throw new ConfigException("content_capture.enabled", "must be true or false");
        }
        JsonNode max = section.path("max_bytes");
        if (!max.isMissingNode() && !(max.isIntegralNumber() && max.canConvertToInt())) {
            throw new ConfigException("content_capture.max_bytes", "must be a whole number of bytes");
        }
        return new ContentSettings(enabled.asBoolean(false), max.isMissingNode() ? OFF.maxBytes : max.intValue());
    }
}
