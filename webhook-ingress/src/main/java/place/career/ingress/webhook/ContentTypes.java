package place.career.ingress.webhook;

import jakarta.ws.rs.core.MediaType;

import java.nio.charset.StandardCharsets;

/** Checks the {@code Content-Type} of a delivery. */
final class ContentTypes {

    private ContentTypes() {}

    /**
     * Accepts {@code application/json}, with an optional UTF-8 charset, as Lever sends it.
     *
     * @throws WebhookRejectedException with {@link Rejection#UNSUPPORTED_MEDIA_TYPE} otherwise
     */
    static void requireJson(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            throw unsupported("The Content-Type header is missing. Send application/json.");
        }
        MediaType mediaType;
        try {
            mediaType = MediaType.valueOf(contentType);
        } catch (IllegalArgumentException e) {
            throw unsupported("The Content-Type header is invalid. Send application/json.");
        }
        if (!mediaType.isCompatible(MediaType.APPLICATION_JSON_TYPE)
                || mediaType.isWildcardType()
                || mediaType.isWildcardSubtype()) {
            throw unsupported(
                    "Content-Type "
                            + LogSafe.text(mediaType.getType() + "/" + mediaType.getSubtype())
                            + " is not supported. Send application/json.");
        }
        String charset = mediaType.getParameters().get(MediaType.CHARSET_PARAMETER);
        if (charset != null && !StandardCharsets.UTF_8.name().equalsIgnoreCase(charset)) {
            throw unsupported(
                    "Charset " + LogSafe.text(charset) + " is not supported. Send UTF-8 JSON.");
        }
    }

    private static WebhookRejectedException unsupported(String detail) {
        return new WebhookRejectedException(Rejection.UNSUPPORTED_MEDIA_TYPE, detail);
    }
}
