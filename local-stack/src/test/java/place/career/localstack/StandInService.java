package place.career.localstack;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * A stand-in for a packaged Quarkus service, run by {@link ServiceProcessTest}: it serves
 * {@code /q/health/ready} on {@code quarkus.http.port} and echoes the {@code greeting} property.
 * The property {@code behaviour} selects a failure: {@code exit} quits at once, {@code never-ready}
 * returns 503 forever.
 */
public final class StandInService {

    private StandInService() {}

    public static void main(String[] args) throws IOException {
        String behaviour = System.getProperty("behaviour", "ready");
        System.out.println("stand-in service starting, behaviour " + behaviour);
        if (behaviour.equals("exit")) {
            System.out.println("stand-in service gives up");
            System.exit(3);
        }
        int port = Integer.getInteger("quarkus.http.port");
        String host = System.getProperty("quarkus.http.host");
        HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 0);
        int readiness = behaviour.equals("never-ready") ? 503 : 200;
        server.createContext("/q/health/ready", exchange -> {
            exchange.sendResponseHeaders(readiness, -1);
            exchange.close();
        });
        server.createContext("/greeting", exchange -> {
            byte[] body = System.getProperty("greeting", "").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }
}
