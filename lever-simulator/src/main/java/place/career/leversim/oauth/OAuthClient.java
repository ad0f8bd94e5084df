package place.career.leversim.oauth;

import java.util.List;

/** OAuth client registered with Lever, with the redirect URIs that must match exactly. */
public record OAuthClient(String clientId, String clientSecret, List<String> redirectUris) {

    public OAuthClient {
        redirectUris = List.copyOf(redirectUris);
    }

    @Override
    public String toString() {
        return "OAuthClient[clientId=" + clientId + ", redirectUris=" + redirectUris + "]";
    }
}
