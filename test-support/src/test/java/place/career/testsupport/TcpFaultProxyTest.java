package place.career.testsupport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The proxy in front of a real echo server on 127.0.0.1. */
class TcpFaultProxyTest {

    private ServerSocket echoServer;
    private TcpFaultProxy proxy;

    @BeforeEach
    void startEchoServer() throws IOException {
        echoServer = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            while (!echoServer.isClosed()) {
                try {
                    Socket socket = echoServer.accept();
                    Thread echo = new Thread(() -> echo(socket), "echo");
                    echo.setDaemon(true);
                    echo.start();
                } catch (IOException e) {
                    return;
                }
            }
        }, "echo-accept");
        acceptor.setDaemon(true);
        acceptor.start();
        proxy = new TcpFaultProxy("127.0.0.1", echoServer.getLocalPort());
    }

    @AfterEach
    void stop() throws IOException {
        proxy.close();
        echoServer.close();
    }

    @Test
    void refusesWhileDownThenForwards() throws IOException {
        assertArrayEquals(bytes("one"), roundTrip("one", 5_000));

        proxy.goDown();
        assertEquals("refused", connectOutcome(proxy.port()));

        proxy.comeUp();
        assertArrayEquals(bytes("three"), roundTrip("three", 5_000));
    }

    @Test
    void goDownBreaksOpenConnections() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", proxy.port())) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write(bytes("before"));
            assertArrayEquals(bytes("before"), socket.getInputStream().readNBytes(6));
            proxy.goDown();
            assertThrows(IOException.class, () -> {
                socket.getOutputStream().write(bytes("after"));
                socket.getOutputStream().flush();
                if (socket.getInputStream().read() < 0) {
                    throw new IOException("closed");
                }
            });
        }
    }

    @Test
    void stallHoldsBytesUntilComeUp() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", proxy.port())) {
            proxy.stall();
            socket.setSoTimeout(500);
            socket.getOutputStream().write(bytes("held"));
            socket.getOutputStream().flush();
            assertThrows(SocketTimeoutException.class, () -> socket.getInputStream().read());

            proxy.comeUp();
            socket.setSoTimeout(5_000);
            assertArrayEquals(bytes("held"), socket.getInputStream().readNBytes(4));
        }
    }

    /**
     * Returns "refused" when nothing listens on the port, otherwise what the connection looked like.
     * A client whose ephemeral port equals the free target port connects to itself (TCP
     * simultaneous open), which also means that nothing listens there.
     */
    private static String connectOutcome(int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
            if (socket.getLocalPort() == port) {
                return "refused";
            }
            return "connected to " + port + " from local port " + socket.getLocalPort();
        } catch (ConnectException e) {
            return "refused";
        }
    }

    private byte[] roundTrip(String text, int timeoutMs) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", proxy.port())) {
            socket.setSoTimeout(timeoutMs);
            socket.getOutputStream().write(bytes(text));
            socket.getOutputStream().flush();
            return socket.getInputStream().readNBytes(text.length());
        }
    }

    private static void echo(Socket socket) {
        try (socket; InputStream in = socket.getInputStream(); OutputStream out = socket.getOutputStream()) {
            in.transferTo(out);
        } catch (IOException e) {
            // The client or the proxy closed the connection.
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
