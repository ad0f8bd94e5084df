package place.career.leversync.audit;

import java.time.Instant;

/**
 * One change to an organisation's Lever connection.
 *
 * @param installationId null for changes that concern no installation yet
 * @param actor the career.place user id ({@code sub}) of the admin, or {@code lever-sync} for a
 *     change the service made on its own, such as marking an installation revoked
 * @param action what changed, for example {@code CONNECTED}, {@code QUALIFIED_STAGE_SET} or
 *     {@code DISCONNECTED}
 * @param detail ids and counts that explain the change; never a secret
 */
public record AuditEntry(
        String organizationId,
        String installationId,
        String actor,
        String action,
        String detail,
        Instant occurredAt) {

    public static final String CONNECTED = "CONNECTED";
    public static final String RECONNECTED = "RECONNECTED";
    public static final String REVOKED = "REVOKED";
    public static final String DISCONNECTED = "DISCONNECTED";
    public static final String QUALIFIED_STAGE_SET = "QUALIFIED_STAGE_SET";
    public static final String SIGNING_TOKENS_SET = "SIGNING_TOKENS_SET";
}
