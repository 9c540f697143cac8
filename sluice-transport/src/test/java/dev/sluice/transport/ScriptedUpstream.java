package dev.sluice.transport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An upstream on a real loopback socket that answers each request with the next scripted reply, written as raw bytes,
 * and then does what the reply says with the connection (keep it, close it, hang). Counts connections and keeps the
 * requests it read, so tests can tell reuse from reconnection.
 */
final class ScriptedUpstream implements AutoCloseable {

    /** What to send and what to do after. */
    record Reply(byte[] bytes, After after, long pauseBetweenBytesMillis) {
        static Reply ok(String body) {
            return raw("HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: "
                    + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body, After.KEEP);
        }

        static Reply raw(String text, After after) {
            return new Reply(text.getBytes(StandardCharsets.UTF_8), after, 0);
        }
    }

    enum After { KEEP, CLOSE, HANG }

    private final ServerSocket server;
    private final BlockingQueue<Reply> replies = new LinkedBlockingQueue<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final Thread acceptor;

    ScriptedUpstream() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = Thread.ofPlatform().daemon().start(this::accept);
    }

    int port() { return server.getLocalPort(); }

    ScriptedUpstream reply(Reply r) {
        replies.add(r);
        return this;
    }

    int connections() { return connections.get(); }

    List<String> requests() { return requests; }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                connections.incrementAndGet();
                sockets.add(s);
                Thread.ofPlatform().daemon().start(() -> serve(s));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
            while (true) {
                String head = readHead(in);
                if (head == null) {
                    return;
                }
                int length = contentLength(head);
                byte[] body = in.readNBytes(length);
                requests.add(head + new String(body, StandardCharsets.UTF_8));
                Reply r = replies.poll(5, TimeUnit.SECONDS);
                if (r == null) {
                    return;
                }
                if (r.pauseBetweenBytesMillis() > 0) {
                    for (byte b : r.bytes()) {
                        out.write(b);
                        out.flush();
                        Thread.sleep(r.pauseBetweenBytesMillis()); // the fake upstream's pacing, not a test's wait
                    }
                } else {
                    out.write(r.bytes());
                    out.flush();
                }
                if (r.after() == After.CLOSE) {
                    return;
                }
                if (r.after() == After.HANG) {
                    in.read(); // until the client closes
                    return;
                }
            }
        } catch (IOException | InterruptedException e) {
            // the client went away
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0) {
            b.write(c);
            byte[] a = b.toByteArray();
            int n = a.length;
            if (n >= 4 && a[n - 4] == '\r' && a[n - 3] == '\n' && a[n - 2] == '\r' && a[n - 1] == '\n') {
                return b.toString(StandardCharsets.ISO_8859_1);
            }
        }
        return null;
    }

    private static int contentLength(String head) {
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                return Integer.parseInt(line.substring(15).trim());
            }
        }
        return 0;
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : sockets) {
            s.close();
        }
        acceptor.interrupt();
    }
}
