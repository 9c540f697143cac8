package dev.sluice.bedrock;

import java.util.Locale;

/** Bedrock's image {@code format} names and the media types they stand for. Stateless. */
final class ImageFormats {

    private ImageFormats() { }

    /** The media type of a Bedrock format ({@code png|jpeg|gif|webp}), or null when it is not one of them. */
    static String mediaType(String format) {
        return switch (format) {
            case "png", "jpeg", "gif", "webp" -> "image/" + format;
            default -> null;
        };
    }

    /** The Bedrock format of a media type, or null when Bedrock takes no such images. */
    static String format(String mediaType) {
        if (mediaType == null) {
            return null;
        }
        return switch (mediaType.toLowerCase(Locale.ROOT).trim()) {
            case "image/png" -> "png";
            case "image/jpeg", "image/jpg" -> "jpeg";
            case "image/gif" -> "gif";
            case "image/webp" -> "webp";
            default -> null;
        };
    }
}
