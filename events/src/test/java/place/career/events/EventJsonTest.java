package place.career.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EventJsonTest {

    @Test
    void funnelEventUsesLowerCaseTypes() {
        byte[] json = "{\"eventId\":\"e1\",\"type\":\"started\",\"invitationId\":\"inv\",\"occurredAt\":\"2026-12-04T10:00:00Z\",\"extra\":1}"
                .getBytes(StandardCharsets.UTF_8);

        FunnelEvent event = EventJson.read(json, FunnelEvent.class);

        assertEquals(FunnelEvent.Type.STARTED, event.type());
        assertEquals(Instant.parse("2026-12-04T10:00:00Z"), event.occurredAt());
        assertTrue(new String(EventJson.write(event), StandardCharsets.UTF_8).contains("\"type\":\"started\""));
    }

    @Test
    void statusChangeRoundTripsAndHidesPersonalDataInToString() {
        FunnelStatusChanged change = new FunnelStatusChanged("e1", "f1", 1, "i1", "o1", "inv", "job", "Engineer",
                FunnelStatus.INVITED, null, Instant.EPOCH, "Zoë 李", "zoe@example.com", null, null);

        FunnelStatusChanged back = EventJson.read(EventJson.write(change), FunnelStatusChanged.class);

        assertEquals(change, back);
        assertFalse(change.toString().contains("zoe@example.com"));
        assertFalse(change.toString().contains("Zoë"));
    }

    @Test
    void malformedRecordIsRejectedWithTypeName() {
        InvalidEventException error = assertThrows(InvalidEventException.class,
                () -> EventJson.read("{not json".getBytes(StandardCharsets.UTF_8), WebhookReceived.class));

        assertTrue(error.getMessage().contains("WebhookReceived"));
    }
}
