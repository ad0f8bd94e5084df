package place.career.leversim.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class WebhookSignerTest {

    private static final String TOKEN = "be58a5d3bd5f36b5b2e62a4f48e5ef4c1b3e4b8a0e9c3154";
    private static final long TRIGGERED_AT = 1431454330072L;

    /** Expected values computed independently with `openssl dgst -sha256 -hmac KEY`. */
    @Test
    void signatureMatchesKnownAnswers() {
        assertEquals("45a7cd4e33810c710a63962d28b96ace88616643539d9192e4de45dde11c2a13",
                WebhookSigner.sign("example-signing-token", TOKEN, TRIGGERED_AT));
        assertEquals("661df0a6b91c4292fc4d6d35705adfb58ba3e57c14fd09da880be036c4c592ca",
                WebhookSigner.sign("Zoë-token", TOKEN, TRIGGERED_AT));
    }

    @Test
    void signatureIsHmacOfTokenFollowedByDigits() throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec("example-signing-token".getBytes(StandardCharsets.UTF_8),
                "HmacSHA256"));
        byte[] digest = mac.doFinal((TOKEN + "1431454330072").getBytes(StandardCharsets.UTF_8));

        assertEquals(HexFormat.of().formatHex(digest),
                WebhookSigner.sign("example-signing-token", TOKEN, TRIGGERED_AT));
    }

    @Test
    void verifyChecksTokenTimeAndKey() {
        String signature = WebhookSigner.sign("key", TOKEN, TRIGGERED_AT);

        assertTrue(WebhookSigner.verify("key", TOKEN, TRIGGERED_AT, signature));
        assertFalse(WebhookSigner.verify("other", TOKEN, TRIGGERED_AT, signature));
        assertFalse(WebhookSigner.verify("key", TOKEN, TRIGGERED_AT + 1, signature));
        assertFalse(WebhookSigner.verify("key", TOKEN, TRIGGERED_AT, null));
    }

    @Test
    void randomTokenHas48HexCharacters() {
        String token = WebhookSigner.randomToken();

        assertEquals(48, token.length());
        assertTrue(token.matches("[0-9a-f]{48}"));
    }

    @Test
    void envelopeCarriesDocumentedFields() {
        WebhookSender sender = new WebhookSender();

        WebhookEnvelope envelope = sender.envelope("key", "candidateStageChange",
                Map.of("opportunityId", "o1"), true, TRIGGERED_AT);
        ObjectNode json = envelope.toJson();

        assertTrue(json.hasNonNull("id"));
        assertEquals("candidateStageChange", json.get("event").asText());
        assertTrue(json.get("triggeredAt").isIntegralNumber());
        assertEquals(TRIGGERED_AT, json.get("triggeredAt").asLong());
        assertEquals(48, json.get("token").asText().length());
        assertEquals(WebhookSigner.sign("key", envelope.token(), TRIGGERED_AT),
                json.get("signature").asText());
        assertEquals("o1", json.get("data").get("opportunityId").asText());
    }

    @Test
    void envelopeCanOmitIdAndSignature() {
        WebhookEnvelope envelope = new WebhookSender().envelope(null, "candidateHired",
                WebhookPayloads.verifyConnection(), false);

        ObjectNode json = envelope.toJson();

        assertNull(envelope.id());
        assertFalse(json.has("id"));
        assertFalse(json.has("signature"));
        assertEquals(0, json.get("data").size());
    }
}
