package place.career.ingress.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

/** Parsing and type checks of Lever's envelope, without Quarkus. */
class EnvelopeParserTest {

    private static final String SIGNATURE = "0123456789abcdef".repeat(4);

    @Test
    void signsDigitsOfTriggeredAtAsSent() {
        WebhookEnvelope envelope =
                parse(
                        """
                        {"event":"candidateHired","triggeredAt":1431454330072,"token":"be583154",
                         "signature":"%s","data":{"opportunityId":"opp-1"}}"""
                                .formatted(SIGNATURE));

        assertEquals(
                "be5831541431454330072",
                new String(envelope.signedMessage(), StandardCharsets.UTF_8));
        assertEquals(1431454330072L, envelope.triggeredAt());
    }

    @Test
    void usesTokenAsKeyWhenIdIsAbsent() {
        WebhookEnvelope envelope = parse(body("\"data\":{\"opportunityId\":\"o\"}"));

        assertNull(envelope.id());
        assertEquals("token:tok", envelope.deliveryKey());
        assertTrue(envelope.logReference().startsWith("token-sha256:"));
        assertFalse(envelope.logReference().contains("tok\""));
    }

    @Test
    void readsEmptyDataAsConnectionCheck() {
        WebhookEnvelope envelope = parse(body("\"data\":{}"));

        assertTrue(envelope.data().empty());
        assertNull(envelope.data().opportunityId());
    }

    @Test
    void readsArchiveReason() {
        WebhookEnvelope envelope =
                parse(
                        body(
                                "\"data\":{\"opportunityId\":\"o\",\"toArchived\":{\"archivedAt\":1,\"reason\":\"r\"}}"));

        assertEquals(Boolean.TRUE, envelope.data().archived());
        assertEquals("r", envelope.data().archiveReasonId());
    }

    @Test
    void acceptsUpperCaseSignatureHex() {
        WebhookEnvelope envelope =
                parse(body("\"data\":{}").replace(SIGNATURE, SIGNATURE.toUpperCase()));

        assertEquals(32, envelope.signature().length);
    }

    @Test
    void keepsTokenAndSignatureOutOfToString() {
        String text = parse(body("\"data\":{}")).toString();

        assertFalse(text.contains("tok\""));
        assertFalse(text.contains("tok,"));
        assertFalse(text.contains(SIGNATURE));
    }

    @Test
    void rejectsTriggeredAtWithFraction() {
        WebhookRejectedException rejected =
                assertThrows(
                        WebhookRejectedException.class,
                        () ->
                                parse(
                                        body("\"data\":{}")
                                                .replace("1700000000000", "1700000000000.5")));

        assertEquals(Rejection.INVALID_FIELD, rejected.rejection());
        assertTrue(rejected.getMessage().startsWith("triggeredAt"), rejected.getMessage());
    }

    @Test
    void rejectsOverlongToken() {
        WebhookRejectedException rejected =
                assertThrows(
                        WebhookRejectedException.class,
                        () ->
                                parse(
                                        body("\"data\":{}")
                                                .replace(
                                                        "\"tok\"", "\"" + "t".repeat(513) + "\"")));

        assertEquals(Rejection.INVALID_FIELD, rejected.rejection());
    }

    @Test
    void rejectsEmptyBody() {
        WebhookRejectedException rejected =
                assertThrows(
                        WebhookRejectedException.class, () -> EnvelopeParser.parse(new byte[0]));

        assertEquals(Rejection.MALFORMED_JSON, rejected.rejection());
    }

    private static String body(String dataField) {
        return "{\"event\":\"candidateHired\",\"triggeredAt\":1700000000000,\"token\":\"tok\","
                + "\"signature\":\""
                + SIGNATURE
                + "\","
                + dataField
                + "}";
    }

    private static WebhookEnvelope parse(String json) {
        return EnvelopeParser.parse(json.getBytes(StandardCharsets.UTF_8));
    }
}
