package io.switchboard.infra.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Port helpers. A configured port of 0 means "any free port"; we resolve it up front because some servers
 * (the KRaft controller quorum, GreenMail) must know their final port before they bind. */
final class FreePorts {
    private FreePorts() {
    }

    static int resolve(int configured, String host) {
        return configured > 0 ? configured : pick(host);
    }

    static int pick(String host) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(InetAddress.getByName(host), 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port on " + host, e);
        }
    }

    /** True if something already listens there, so we can fail with a clear message instead of a bind trace. */
    static boolean inUse(String host, int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(host), port));
            return false;
        } catch (IOException e) {
            return true;
        }
    }
}
