package place.career.events;

/** Names of the topics that connect the services. Every topic is versioned; a breaking change gets a new name. */
public final class Topics {

    /** Verified Lever webhook deliveries ({@link WebhookReceived}), keyed by installation and opportunity. */
    public static final String LEVER_WEBHOOKS = "lever.webhooks.v1";

    /** Applications read back from Lever ({@link ApplicationEvent}), keyed by installation and opportunity. */
    public static final String LEVER_APPLICATIONS = "lever.applications.v1";

    /** Funnel progress published by career.place ({@link FunnelEvent}), keyed by invitation id. */
    public static final String CAREERPLACE_FUNNEL_EVENTS = "careerplace.funnel-events.v1";

    /** Reminder outcomes from the notifier ({@link NotifierOutcome}), keyed by installation and opportunity. */
    public static final String NOTIFIER_OUTCOMES = "notifier.outcomes.v1";

    /** Funnel state transitions ({@link FunnelStatusChanged}), keyed by installation and opportunity. */
    public static final String FUNNEL_STATUS = "funnel.status.v1";

    /** Compacted state of every installation ({@link InstallationChanged}), keyed by installation id. */
    public static final String LEVER_INSTALLATIONS = "lever.installations.v1";

    /** Suffix of the dead-letter topic that receives poison records of a topic. */
    public static final String DEAD_LETTER_SUFFIX = ".dlq";

    private Topics() {}

    /** Builds the record key shared by every event of one candidate application. */
    public static String candidateKey(String installationId, String opportunityId) {
        return installationId + ":" + opportunityId;
    }
}
