package place.career.orchestrator.funnel;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import place.career.events.EventJson;
import place.career.events.InvalidEventException;
import place.career.orchestrator.config.OrchestratorConfig;

/**
 * Runs the handling of one consumed record with the service's failure policy.
 *
 * <p>Invalid records fail at once. Every other failure, such as a database outage, is retried with
 * exponential backoff, because the record itself is fine. When the handling still fails, the
 * returned {@link Uni} fails and the channel's {@code dead-letter-queue} strategy moves the record
 * to {@code <topic>.dlq} with the cause in its headers. Retries hold back the partition, which keeps
 * the order of each candidate's events.
 */
@ApplicationScoped
public class RecordProcessor {

    private final OrchestratorConfig config;
    private final MeterRegistry meters;

    RecordProcessor(OrchestratorConfig config, MeterRegistry meters) {
        this.config = config;
        this.meters = meters;
    }

    /**
     * Parses a record's JSON value.
     *
     * @throws InvalidEventException when the value is missing or not a valid {@code type}
     */
    public static <T> T parse(ConsumerRecord<String, byte[]> record, Class<T> type) {
        if (record.value() == null) {
            throw new InvalidEventException("Record has no value, but a " + type.getSimpleName() + " was expected");
        }
        return EventJson.read(record.value(), type);
    }

    /**
     * Returns the value when it is not blank.
     *
     * @throws InvalidEventException naming the field when it is null or blank
     */
    public static String require(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new InvalidEventException("Required field '" + field + "' is missing or blank");
        }
        return value;
    }

    /**
     * Returns the value when it is not null.
     *
     * @throws InvalidEventException naming the field when it is null
     */
    public static <T> T require(T value, String field) {
        if (value == null) {
            throw new InvalidEventException("Required field '" + field + "' is missing");
        }
        return value;
    }

    /**
     * Runs {@code handling} for the record, with retries for failures other than invalid content.
     *
     * @param handling parses and applies the record. It may throw, and it runs again on each retry
     */
    public Uni<Void> process(ConsumerRecord<String, byte[]> record, Supplier<Uni<Void>> handling) {
        OrchestratorConfig.Consumer policy = config.consumer();
        return Uni.createFrom().deferred(handling::get)
                .onFailure(failure -> !(failure instanceof InvalidEventException))
                .invoke(failure -> Log.warnf("Processing failed, retrying topic=%s partition=%d offset=%d: %s",
                        record.topic(), record.partition(), record.offset(), failure.toString()))
                .onFailure(failure -> !(failure instanceof InvalidEventException))
                .retry().withBackOff(policy.initialBackoff(), policy.maxBackoff()).atMost(policy.maxRetries())
                .onFailure().invoke(failure -> {
                    meters.counter("orchestrator.records.dead.lettered", "topic", record.topic()).increment();
                    Log.errorf("Sending record to the dead-letter topic topic=%s partition=%d offset=%d: %s",
                            record.topic(), record.partition(), record.offset(), failure.getMessage());
                });
    }
}
