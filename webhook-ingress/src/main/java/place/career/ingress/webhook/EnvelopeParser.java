package place.career.ingress.webhook;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.HexFormat;

/**
 * Parses and type-checks Lever's webhook envelope {@code {id?, event, triggeredAt, token,
 * signature, data}}. Unknown fields are ignored because Lever may add fields at any time.
 *
 * <p>Duplicate keys are rejected: with two {@code signature} or {@code triggeredAt} fields, the
 * value we verify and the value a consumer reads could differ.
 */
final class EnvelopeParser {

    static final int MAX_ID_LENGTH = 200;
    static final int MAX_EVENT_LENGTH = 100;
    static final int MAX_TOKEN_LENGTH = 512;
    private static final int SIGNATURE_HEX_LENGTH = 64;

    private static final ObjectMapper STRICT_MAPPER =
            new ObjectMapper()
                    .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                    .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private EnvelopeParser() {}

    /**
     * Parses a request body.
     *
     * @throws WebhookRejectedException with {@link Rejection#MALFORMED_JSON} when the body is not
     *     one JSON object, {@link Rejection#INVALID_FIELD} when a field is missing or has the wrong
     *     type, {@link Rejection#SIGNATURE_MISSING} when there is no signature
     */
    static WebhookEnvelope parse(byte[] body) {
        JsonNode root = readTree(body);
        if (!root.isObject()) {
            throw new WebhookRejectedException(
                    Rejection.MALFORMED_JSON,
                    "The body must be a JSON object with the fields event, triggeredAt, token,"
                            + " signature and data.");
        }

        String id = optionalText(root, "id", MAX_ID_LENGTH);
        String event = requiredText(root, "event", MAX_EVENT_LENGTH);
        long triggeredAt = requiredEpochMillis(root, "triggeredAt");
        String token = requiredText(root, "token", MAX_TOKEN_LENGTH);
        DeliveryData data = parseData(root.get("data"), event);
        byte[] signature = requiredSignature(root.get("signature"));
        return new WebhookEnvelope(id, event, triggeredAt, token, signature, data);
    }

    private static JsonNode readTree(byte[] body) {
        if (body == null || body.length == 0) {
            throw new WebhookRejectedException(
                    Rejection.MALFORMED_JSON,
                    "The request body is empty. Send Lever's JSON envelope.");
        }
        try {
            return STRICT_MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            String location =
                    e.getLocation() == null
                            ? ""
                            : " at line "
                                    + e.getLocation().getLineNr()
                                    + ", column "
                                    + e.getLocation().getColumnNr();
            throw new WebhookRejectedException(
                    Rejection.MALFORMED_JSON,
                    "The body is not valid JSON"
                            + location
                            + ": "
                            + firstLine(e.getOriginalMessage())
                            + ".");
        } catch (IOException e) {
            throw new WebhookRejectedException(
                    Rejection.MALFORMED_JSON, "The body could not be read as JSON.");
        }
    }

    private static DeliveryData parseData(JsonNode data, String event) {
        if (data == null || data.isNull()) {
            throw invalid(
                    "data is missing. Lever sends an object, which is empty for Verify"
                            + " Connection.");
        }
        if (!data.isObject()) {
            throw invalid("data must be a JSON object, but is " + typeName(data) + ".");
        }
        if (data.isEmpty()) {
            return DeliveryData.EMPTY;
        }

        String opportunityId = optionalText(data, "opportunityId", MAX_ID_LENGTH, "data.");
        if (opportunityId == null) {
            opportunityId = optionalText(data, "candidateId", MAX_ID_LENGTH, "data.");
        }
        if (opportunityId == null && LeverEvents.kindOf(event) == LeverEvents.Kind.FUNNEL) {
            throw invalid(
                    "data.opportunityId is missing, but every "
                            + LogSafe.text(event)
                            + " delivery must name the opportunity.");
        }

        JsonNode toArchived = data.get("toArchived");
        Boolean archived = null;
        String archiveReasonId = null;
        if (toArchived != null) {
            if (toArchived.isObject()) {
                archived = true;
                archiveReasonId =
                        optionalText(toArchived, "reason", MAX_ID_LENGTH, "data.toArchived.");
            } else if (toArchived.isNull()) {
                archived = false;
            } else {
                throw invalid(
                        "data.toArchived must be an object or null, but is "
                                + typeName(toArchived)
                                + ".");
            }
        }

        return new DeliveryData(
                false,
                opportunityId,
                optionalText(data, "applicationId", MAX_ID_LENGTH, "data."),
                optionalText(data, "contactId", MAX_ID_LENGTH, "data."),
                optionalText(data, "fromStageId", MAX_ID_LENGTH, "data."),
                optionalText(data, "toStageId", MAX_ID_LENGTH, "data."),
                archived,
                archiveReasonId);
    }

    private static long requiredEpochMillis(JsonNode root, String field) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            throw invalid(
                    field + " is missing. Lever sends it as an integer of epoch milliseconds.");
        }
        // Only an integral JSON number is accepted: a string or a float such as 1.4E12 would sign
        // different digits from the ones Lever signed.
        if (!node.isIntegralNumber() || !node.canConvertToLong() || node.longValue() <= 0) {
            throw invalid(
                    field
                            + " must be a positive integer of epoch milliseconds, but is "
                            + typeName(node)
                            + ".");
        }
        return node.longValue();
    }

    private static byte[] requiredSignature(JsonNode node) {
        if (node == null || node.isNull() || (node.isTextual() && node.textValue().isEmpty())) {
            throw new WebhookRejectedException(
                    Rejection.SIGNATURE_MISSING,
                    "The signature field is missing. Lever signs deliveries only when the webhook"
                        + " has a signature token. Open the webhook settings in Lever, copy its"
                        + " signature token into career.place, then use Rerun in Lever's delivery"
                        + " history.");
        }
        if (!node.isTextual()) {
            throw invalid(
                    "signature must be a string of 64 hexadecimal characters, but is "
                            + typeName(node)
                            + ".");
        }
        String hex = node.textValue();
        if (hex.length() != SIGNATURE_HEX_LENGTH) {
            throw invalid(
                    "signature must be 64 hexadecimal characters, but has " + hex.length() + ".");
        }
        try {
            return HexFormat.of().parseHex(hex);
        } catch (IllegalArgumentException e) {
            throw invalid("signature must contain only hexadecimal characters.");
        }
    }

    private static String requiredText(JsonNode root, String field, int maxLength) {
        String value = optionalText(root, field, maxLength, "");
        if (value == null) {
            throw invalid(field + " is missing. It must be a non-empty string.");
        }
        return value;
    }

    private static String optionalText(JsonNode root, String field, int maxLength) {
        return optionalText(root, field, maxLength, "");
    }

    /** Returns the field's text, or null when it is absent, null or empty. */
    private static String optionalText(JsonNode parent, String field, int maxLength, String path) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw invalid(path + field + " must be a string, but is " + typeName(node) + ".");
        }
        String value = node.textValue();
        if (value.length() > maxLength) {
            throw invalid(
                    path
                            + field
                            + " has "
                            + value.length()
                            + " characters, but the maximum is "
                            + maxLength
                            + ".");
        }
        return value.isEmpty() ? null : value;
    }

    private static WebhookRejectedException invalid(String detail) {
        return new WebhookRejectedException(Rejection.INVALID_FIELD, detail);
    }

    private static String typeName(JsonNode node) {
        if (node.isIntegralNumber()) {
            return node.canConvertToLong() ? "an integer" : "an integer too large for 64 bits";
        }
        return switch (node.getNodeType()) {
            case STRING -> "a string";
            case NUMBER -> "a decimal number";
            case BOOLEAN -> "a boolean";
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case NULL -> "null";
            default -> "an unsupported JSON value";
        };
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unexpected input";
        }
        int newline = message.indexOf('\n');
        String line = newline < 0 ? message : message.substring(0, newline);
        // Jackson names the setting behind a limit, as in "(1000, from `Class.method()`)"; a
        // sender can do nothing with that, so only the number stays.
        line = line.replaceAll(", from `[^`]*`", "");
        return line.length() > 160 ? line.substring(0, 160) + "..." : line;
    }
}
