package place.career.orchestrator.funnel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import place.career.events.FunnelStatus;

class FunnelStateMachineTest {

    /**
     * Every signal from each open state. Expected is a target status and reason, {@code NOTED}, or
     * {@code IGNORED}; {@code -} means no reason.
     */
    @ParameterizedTest(name = "{0} + {1} -> {2} ({3})")
    @CsvSource({
        "INVITED,     STARTED,             IN_PROGRESS, -",
        "INVITED,     SUBMITTED,           NOTED,       -",
        "INVITED,     QUALIFIED,           QUALIFIED,   -",
        "INVITED,     UNQUALIFIED,         UNQUALIFIED, too little experience",
        "INVITED,     DECLINED,            OPTED_OUT,   declined",
        "INVITED,     NOT_STARTED_IN_TIME, OPTED_OUT,   not-started",
        "INVITED,     UNSUBSCRIBED,        OPTED_OUT,   unsubscribed",
        "INVITED,     BOUNCED,             OPTED_OUT,   bounced",
        "INVITED,     ARCHIVED,            CLOSED,      archived",
        "INVITED,     HIRED,               CLOSED,      hired",
        "INVITED,     DELETED,             CLOSED,      deleted",
        "INVITED,     ERASED,              CLOSED,      deleted",
        "INVITED,     DISCONNECTED,        CLOSED,      disconnected",
        "IN_PROGRESS, STARTED,             IGNORED,     -",
        "IN_PROGRESS, SUBMITTED,           NOTED,       -",
        "IN_PROGRESS, QUALIFIED,           QUALIFIED,   -",
        "IN_PROGRESS, UNQUALIFIED,         UNQUALIFIED, too little experience",
        "IN_PROGRESS, DECLINED,            OPTED_OUT,   declined",
        "IN_PROGRESS, NOT_STARTED_IN_TIME, IGNORED,     -",
        "IN_PROGRESS, UNSUBSCRIBED,        OPTED_OUT,   unsubscribed",
        "IN_PROGRESS, BOUNCED,             IGNORED,     -",
        "IN_PROGRESS, ARCHIVED,            CLOSED,      archived",
        "IN_PROGRESS, HIRED,               CLOSED,      hired",
        "IN_PROGRESS, DELETED,             CLOSED,      deleted",
        "IN_PROGRESS, ERASED,              CLOSED,      deleted",
        "IN_PROGRESS, DISCONNECTED,        CLOSED,      disconnected",
    })
    void openStateFollowsTable(FunnelStatus current, FunnelSignal signal, String expected, String reason) {
        Decision decision = FunnelStateMachine.decide(current, false, signal, "too little experience");

        assertDecision(expected, reason, decision);
    }

    @ParameterizedTest(name = "{0} ignores every signal but an erasure")
    @EnumSource(value = FunnelStatus.class, names = {"QUALIFIED", "UNQUALIFIED", "OPTED_OUT", "CLOSED"})
    void terminalStateNeverMoves(FunnelStatus terminal) {
        for (FunnelSignal signal : FunnelSignal.values()) {
            if (signal == FunnelSignal.ERASED) {
                continue;
            }
            Decision decision = FunnelStateMachine.decide(terminal, false, signal, "late reason");

            assertInstanceOf(Decision.Ignored.class, decision, terminal + " + " + signal);
        }
    }

    @ParameterizedTest(name = "{0} closes with reason deleted on erasure")
    @EnumSource(FunnelStatus.class)
    void erasureClosesAnyFunnelWithPersonalData(FunnelStatus current) {
        Decision decision = FunnelStateMachine.decide(current, false, FunnelSignal.ERASED, null);

        assertDecision("CLOSED", "deleted", decision);
    }

    @ParameterizedTest(name = "{0} ignores a second erasure")
    @EnumSource(FunnelStatus.class)
    void erasureOfErasedFunnelIsIgnored(FunnelStatus current) {
        Decision decision = FunnelStateMachine.decide(current, true, FunnelSignal.ERASED, null);

        assertInstanceOf(Decision.Ignored.class, decision);
    }

    private static void assertDecision(String expected, String reason, Decision decision) {
        switch (expected) {
            case "NOTED" -> assertInstanceOf(Decision.Noted.class, decision);
            case "IGNORED" -> assertInstanceOf(Decision.Ignored.class, decision);
            default -> {
                Decision.Transition transition = assertInstanceOf(Decision.Transition.class, decision);
                assertEquals(FunnelStatus.valueOf(expected), transition.to());
                assertEquals("-".equals(reason) ? null : reason, transition.reason());
            }
        }
    }
}
