package place.career.notifier.timer;

import jakarta.enterprise.context.ApplicationScoped;

import place.career.notifier.config.NotifierConfig;

import java.util.UUID;

/** The id under which this replica claims timers, either configured or random per start. */
@ApplicationScoped
public class InstanceId {

    private final String value;

    public InstanceId(NotifierConfig config) {
        this.value = config.instanceId().orElseGet(() -> "notifier-" + UUID.randomUUID());
    }

    /** Returns the id. */
    public String value() {
        return value;
    }
}
