package io.switchboard.harness.benchmark;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Models email latency: GreenMail answers at once, so the notifier's SMTP connections go through this proxy, which
 * holds each new connection for a random 1–3 s before connecting it to GreenMail (the SMTP greeting arrives late, as
 * from a slow relay). One connection per email in the notifier, so each email takes that long once.
 */
final class DelayingTcpProxy implements AutoCloseable {
    private final ServerSocket server;
    private final int targetPort;
    private final long minMillis;
    private final long maxMillis;

    DelayingTcpProxy(int targetPort, long minMillis, long maxMillis) throws IOException {
        this.server = new ServerSocket(0, 100, InetAddress.getLoopbackAddress());
        this.targetPort = targetPort;
        this.minMillis = minMillis;
        this.maxMillis = maxMillis;
        Thread acceptor = new Thread(this::acceptLoop, "smtp-delay-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Thread t = new Thread(() -> serve(client), "smtp-delay-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        try (client; Socket upstream = delayThenConnect()) {
            Thread back = new Thread(() -> pipe(upstream, client));
            back.setDaemon(true);
            back.start();
            pipe(client, upstream);
            back.join();
        } catch (Exception ignored) {
            // a client that gave up: nothing to clean up beyond the sockets
        }
    }

    private Socket delayThenConnect() throws IOException, InterruptedException {
        Thread.sleep(ThreadLocalRandom.current().nextLong(minMillis, maxMillis + 1));
        return new Socket(InetAddress.getLoopbackAddress(), targetPort);
    }

    private static void pipe(Socket from, Socket to) {
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            in.transferTo(out);
            to.shutdownOutput();
        } catch (IOException ignored) {
            // connection closed by either side
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
