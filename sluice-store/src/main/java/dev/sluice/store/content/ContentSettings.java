package dev.sluice.store.content;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.spi.ConfigBinder;
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

    /** The section as written: {@code true}, {@code false}, or its keys. */
    record Section(Boolean enabled, Integer maxBytes) {
        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        static Section of(boolean enabled) {
            return new Section(enabled, null);
        }

        @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
        Section { }
    }

    /** Reads {@code true}, {@code false} or {@code {enabled, max_bytes}}; absent means off. */
    public static ContentSettings from(JsonNode section) {
        Section s = ConfigBinder.bind(section, Section.class, "content_capture");
        if (s == null) {
            return OFF;
        }
        return new ContentSettings(s.enabled() != null && s.enabled(),
                s.maxBytes() == null ? OFF.maxBytes : s.maxBytes());
    }
}
