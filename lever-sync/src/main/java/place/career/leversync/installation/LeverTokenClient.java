package place.career.leversync.installation;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.time.Clock;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import place.career.events.EventJson;
import place.career.leversync.lever.LeverConfig;

/**
 * Calls Lever's token endpoint with this integration's client credentials and reads its responses.
 * Failures surface as {@link TokenEndpointException}; this class never retries.
 */
@ApplicationScoped
public class LeverTokenClient {

    /** Lifetime Lever documents for access tokens, used when a response omits expires_in. */
    private static final long DEFAULT_EXPIRES_IN_SECONDS = 3600;

    private final LeverTokenApi api;
    private final LeverConfig config;
    private final Clock clock;

    LeverTokenClient(@RestClient LeverTokenApi api, LeverConfig config, Clock clock) {
        this.api = api;
        this.config = config;
        this.clock = clock;
    }

    /** Exchanges an authorization code, sending the configured redirect URI as Lever requires. */
    public Uni<TokenGrant> exchangeCode(String code) {
        LeverConfig.OAuth oauth = config.oauth();
        return read(api.exchangeCode("authorization_code", code, oauth.redirectUri(), oauth.clientId(),
                oauth.clientSecret()));
    }

    /** Exchanges a refresh token. Lever rotates it: the response carries the only valid successor. */
    public Uni<TokenGrant> refresh(String refreshToken) {
        LeverConfig.OAuth oauth = config.oauth();
        return read(api.refresh("refresh_token", refreshToken, oauth.clientId(), oauth.clientSecret()));
    }

    private Uni<TokenGrant> read(Uni<Response> request) {
        return request
                .onFailure().transform(error -> new TokenEndpointException(0, null,
                        "token endpoint unreachable (" + error.getClass().getSimpleName() + ")", error))
                .map(this::grantOrFailure);
    }

    private TokenGrant grantOrFailure(Response response) {
        String body = response.hasEntity() ? response.readEntity(String.class) : "";
        JsonNode json = parse(body);
        int status = response.getStatus();
        if (status == 200 && json.hasNonNull("access_token")) {
            long expiresIn = json.path("expires_in").asLong(DEFAULT_EXPIRES_IN_SECONDS);
            return new TokenGrant(json.get("access_token").asText(),
                    json.hasNonNull("refresh_token") ? json.get("refresh_token").asText() : null,
                    clock.instant().plusSeconds(expiresIn),
                    json.hasNonNull("scope") ? json.get("scope").asText() : null);
        }
        String error = json.hasNonNull("error") ? json.get("error").asText() : null;
        throw new TokenEndpointException(status, error,
                "token endpoint answered HTTP " + status + (error == null ? "" : " " + error), null);
    }

    private static JsonNode parse(String body) {
        try {
            return EventJson.mapper().readTree(body.isEmpty() ? "{}" : body);
        } catch (IOException e) {
            return EventJson.mapper().createObjectNode();
        }
    }
}
