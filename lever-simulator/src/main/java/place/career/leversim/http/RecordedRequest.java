package place.career.leversim.http;

import java.time.Instant;

/**
 * Entry of the request log. {@code query} is the raw query string or null, {@code status} is 0
 * when the connection was dropped without a response, {@code accountId} is null when the request
 * could not be tied to an account (e.g. a missing or unknown token).
 */
public record RecordedRequest(
        Instant time, String method, String path, String query, int status, String accountId) {
}
