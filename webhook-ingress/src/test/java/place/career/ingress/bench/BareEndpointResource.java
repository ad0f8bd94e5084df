package place.career.ingress.bench;

import io.smallrye.mutiny.Uni;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.Map;

/**
 * The benchmark's baseline: an endpoint on the same Quarkus HTTP stack and event-loop threads as
 * the webhook URLs that reads the body and returns 200 without doing anything else. It lives in the
 * test sources, so it never ships with the service.
 */
@Path("/bench/bare")
public class BareEndpointResource {

    @POST
    public Uni<Response> receive(byte[] body) {
        return Uni.createFrom()
                .item(Response.ok(Map.of("outcome", "bare"), MediaType.APPLICATION_JSON).build());
    }
}
