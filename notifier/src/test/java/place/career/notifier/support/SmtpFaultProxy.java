package place.career.notifier.support;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on 127.0.0.1 in front of a real SMTP server that injects faults for tests. The server
 * can go down and come back, a recipient can be rejected with a chosen reply, and a session can
 * break after the server accepted the message but before the client read the reply.
 *
 * <p>It removes PIPELINING from the EHLO reply, so the client waits for each reply and the proxy
 * itself can reply to a rejected RCPT.
 */
public final class SmtpFaultProxy implements AutoCloseable {

    private final InetSocketAddress target;
    private final Map<String, String> rejectedRecipients = new ConcurrentHashMap<>();
    private final Set<String> recipientsDroppedAfterData = ConcurrentHashMap.newKeySet();
    private final List<Socket> openSockets = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private volatile ServerSocket server;
    private volatile int port;

    public SmtpFaultProxy(String targetHost, int targetPort) {
        this.target = new InetSocketAddress(targetHost, targetPort);
        comeUp();
    }

    public int port() {
        return port;
    }

    /** Returns how many SMTP sessions the proxy accepted. */
    public int connections() {
        return connections.get();
    }

    /**
     * Rejects RCPT TO for the address with the given reply line, for example {@code 550 5.1.1 ...}.
     */
    public void rejectRecipient(String address, String reply) {
        rejectedRecipients.put(address.toLowerCase(Locale.ROOT), reply);
    }

    /**
     * Forwards mail to the address but breaks the session before the client sees the server's
     * reply.
     */
    public void dropReplyAfterData(String address) {
        recipientsDroppedAfterData.add(address.toLowerCase(Locale.ROOT));
    }

    /** Removes every injected fault except an outage. */
    public void clearFaults() {
        rejectedRecipients.clear();
        recipientsDroppedAfterData.clear();
    }

    /** Stops listening and breaks open sessions, so clients get connection refused. */
    public synchronized void goDown() {
        closeQuietly(server);
        server = null;
        openSockets.forEach(SmtpFaultProxy::closeQuietly);
        openSockets.clear();
    }

    /** Listens again, on the same port as before. */
    public synchronized void comeUp() {
        if (server != null) {
            return;
        }
        try {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            port = socket.getLocalPort();
            server = socket;
            Thread acceptor = new Thread(() -> acceptLoop(socket), "smtp-fault-proxy-accept");
            acceptor.setDaemon(true);
            acceptor.start();
        } catch (IOException e) {
            throw new IllegalStateException("Could not listen on 127.0.0.1:" + port, e);
        }
    }

    @Override
    public void close() {
        goDown();
    }

    private void acceptLoop(ServerSocket socket) {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                connections.incrementAndGet();
                Socket upstream = new Socket();
                upstream.connect(target, 5_000);
                openSockets.add(client);
                openSockets.add(upstream);
                new Session(client, upstream).start();
            } catch (IOException e) {
                return;
            }
        }
    }

    /** One proxied SMTP session: a thread per direction, commands inspected line by line. */
    private final class Session {

        private final Socket client;
        private final Socket upstream;
        private final Object clientWrite = new Object();
        private final List<byte[]> capabilityLines = new ArrayList<>();
        private volatile boolean inData;
        private volatile boolean dropNextReply;
        private volatile boolean dropAfterThisMessage;

        Session(Socket client, Socket upstream) {
            this.client = client;
            this.upstream = upstream;
        }

        void start() {
            thread(this::pumpCommands, "smtp-fault-proxy-commands").start();
            thread(this::pumpReplies, "smtp-fault-proxy-replies").start();
        }

        private Thread thread(Runnable body, String name) {
            Thread thread =
                    new Thread(
                            () -> {
                                try {
                                    body.run();
                                } finally {
                                    closeQuietly(client);
                                    closeQuietly(upstream);
                                }
                            },
                            name);
            thread.setDaemon(true);
            return thread;
        }

        private void pumpCommands() {
            try (InputStream in = new BufferedInputStream(client.getInputStream())) {
                OutputStream out = upstream.getOutputStream();
                byte[] line;
                while ((line = readLine(in)) != null) {
                    handleCommand(line, out);
                }
            } catch (IOException e) {
                // The session ended; the finally block closes both sockets.
            }
        }

        private void handleCommand(byte[] line, OutputStream out) throws IOException {
            String text = new String(line, StandardCharsets.ISO_8859_1).trim();
            if (inData) {
                out.write(line);
                out.flush();
                if (text.equals(".")) {
                    inData = false;
                    dropNextReply = dropAfterThisMessage;
                }
                return;
            }
            String upper = text.toUpperCase(Locale.ROOT);
            if (upper.startsWith("RCPT TO:")) {
                String address = address(text);
                String rejection = rejectedRecipients.get(address);
                if (rejection != null) {
                    writeToClient((rejection + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                    return;
                }
                dropAfterThisMessage = recipientsDroppedAfterData.contains(address);
            }
            if (upper.equals("DATA")) {
                inData = true;
            }
            out.write(line);
            out.flush();
        }

        private void pumpReplies() {
            try (InputStream in = new BufferedInputStream(upstream.getInputStream())) {
                byte[] line;
                while ((line = readLine(in)) != null) {
                    if (!handleReply(line)) {
                        return;
                    }
                }
            } catch (IOException e) {
                // The session ended; the finally block closes both sockets.
            }
        }

        // Returns false when the session must break now.
        private boolean handleReply(byte[] line) throws IOException {
            String text = new String(line, StandardCharsets.ISO_8859_1);
            if (dropNextReply && text.startsWith("250")) {
                return false;
            }
            if (text.startsWith("250-")) {
                capabilityLines.add(line);
                return true;
            }
            if (text.startsWith("250 ") && !capabilityLines.isEmpty()) {
                capabilityLines.add(line);
                writeCapabilities();
                return true;
            }
            writeToClient(line);
            return true;
        }

        private void writeCapabilities() throws IOException {
            List<String> keptCapabilities = new ArrayList<>();
            for (byte[] capability : capabilityLines) {
                String text = new String(capability, StandardCharsets.ISO_8859_1).trim();
                if (!text.substring(4).toUpperCase(Locale.ROOT).startsWith("PIPELINING")) {
                    keptCapabilities.add(text.substring(4));
                }
            }
            capabilityLines.clear();
            ByteArrayOutputStream reply = new ByteArrayOutputStream();
            for (int i = 0; i < keptCapabilities.size(); i++) {
                String separator = i == keptCapabilities.size() - 1 ? " " : "-";
                reply.writeBytes(
                        ("250" + separator + keptCapabilities.get(i) + "\r\n")
                                .getBytes(StandardCharsets.ISO_8859_1));
            }
            writeToClient(reply.toByteArray());
        }

        private void writeToClient(byte[] bytes) throws IOException {
            synchronized (clientWrite) {
                OutputStream out = client.getOutputStream();
                out.write(bytes);
                out.flush();
            }
        }
    }

    private static String address(String rcptLine) {
        int open = rcptLine.indexOf('<');
        int close = rcptLine.indexOf('>', open + 1);
        String address =
                open >= 0 && close > open
                        ? rcptLine.substring(open + 1, close)
                        : rcptLine.substring(8);
        return address.trim().toLowerCase(Locale.ROOT);
    }

    // Reads one line including its CRLF, or null at the end of the stream.
    private static byte[] readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            line.write(b);
            if (b == '\n') {
                return line.toByteArray();
            }
        }
        return line.size() == 0 ? null : line.toByteArray();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            // Already closed or broken; nothing to clean up.
        }
    }
}
