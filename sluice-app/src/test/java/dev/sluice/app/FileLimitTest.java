package dev.sluice.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Silent connections by the hundred against a process with a small file limit (a Sluice in a child JVM under
 * {@code ulimit -n 400}) never stop it listening: with no cap configured, the cap derived from the file limit refuses
 * the extra connections with a 503 before the limit is reached; with a cap above the limit, accepting fails, backs off
 * and resumes, and once the silent clients leave, new calls are served again.
 */
class FileLimitTest {

    private static final int FILE_LIMIT = 400;
    private static final int SILENT = 600;

    @TempDir
    Path dir;

    @Test
    void theDefaultCapRefusesExtraConnectionsWith503BeforeTheFileLimit() throws Exception {
        try (ChildSluice child = Child.start(dir, "")) {
            List<Socket> silent = openSilent(child.port, SILENT);
            try {
                int refused = 0;
                for (Socket s : silent.subList(silent.size() - 50, silent.size())) {
                    String wire = readAll(s); // refused at once, before it could send anything
                    if (wire.startsWith("HTTP/1.1 503") && wire.contains("too many connections")) {
                        refused++;
                    }
                }
                assertThat(refused).as("the last connections, over the cap, are refused in HTTP").isEqualTo(50);
            } finally {
                closeAll(silent);
            }
            assertThat(servedAgain(child.port)).isTrue();
            assertThat(child.output()).doesNotContain("cannot accept connections");
        }
    }

    @Test
    void withACapAboveTheFileLimitAcceptingBacksOffAndResumes() throws Exception {
        try (ChildSluice child = Child.start(dir, "max_connections: 100000")) {
            List<Socket> silent = openSilent(child.port, SILENT);
            try {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                while (!child.output().contains("cannot accept connections") && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                assertThat(child.output()).as("the file limit was reached").contains("cannot accept connections");
            } finally {
                closeAll(silent);
            }
            assertThat(servedAgain(child.port)).as("serving again once the silent clients left; log:\n"
                    + child.output()).isTrue();
        }
    }

    private static List<Socket> openSilent(int port, int count) throws IOException {
        List<Socket> sockets = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Socket s = new Socket();
            s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            s.setSoTimeout(10_000);
            sockets.add(s);
        }
        return sockets;
    }

    private static void closeAll(List<Socket> sockets) throws IOException {
        for (Socket s : sockets) {
            s.close();
        }
    }

    /** A fresh call answered 200 within 20 s (the server notices the closed connections as it reads them). */
    private static boolean servedAgain(int port) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
                s.setSoTimeout(2000);
                s.getOutputStream().write("GET /health HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                if (readAll(s).startsWith("HTTP/1.1 200")) {
                    return true;
                }
            } catch (IOException notYet) {
                // refused, reset or timed out: try again
            }
            Thread.sleep(100);
        }
        return false;
    }

    private static String readAll(Socket s) throws IOException {
        InputStream in = s.getInputStream();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] b = new byte[4096];
        int n;
        while ((n = in.read(b)) >= 0) {
            out.write(b, 0, n);
        }
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    private static final class Child {
        static ChildSluice start(Path dir, String serverExtra) throws Exception {
            return ChildSluice.start(dir, "server: {port: 0, host: 127.0.0.1, master_key: " + RunningSluice.KEY
                    + (serverExtra.isEmpty() ? "" : ", " + serverExtra) + "}\n"
                    + "storage: none\nproviders: [{id: sim, type: simulator}]\n"
                    + "models: [{name: sim-echo, provider: sim, options: {reply: echo}}]\n",
                    "ulimit -n " + FILE_LIMIT + " &&");
        }
    }
}
