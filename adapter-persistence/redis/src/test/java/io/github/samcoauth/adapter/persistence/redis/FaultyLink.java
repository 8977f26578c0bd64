package io.github.samcoauth.adapter.persistence.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A TCP proxy on loopback between one instance and Redis that fails the way networks do: it passes,
 * delays every chunk, holds everything (a pause: delivered late, in order, when it ends), black-holes
 * (nothing gets through either way; the connections are reset when it ends, as a peer that vanished
 * is), or resets every connection at once.
 */
final class FaultyLink implements AutoCloseable {

    enum Mode {
        PASS,
        DELAY,
        HOLD,
        BLACK_HOLE
    }

    private final int upstream;
    private final ServerSocket server;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        var thread = new Thread(r, "faulty-link");
        thread.setDaemon(true);
        return thread;
    });
    private volatile Mode mode = Mode.PASS;
    private volatile int delayMillis;
    private volatile boolean closed;

    FaultyLink(int upstreamPort) throws IOException {
        this.upstream = upstreamPort;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        threads.execute(this::accept);
    }

    String url() {
        return "redis://127.0.0.1:" + server.getLocalPort();
    }

    /** The loopback port the instance connects to. */
    int port() {
        return server.getLocalPort();
    }

    /** Passes again. */
    void pass() {
        become(Mode.PASS);
    }

    void delay(int millis) {
        delayMillis = millis;
        become(Mode.DELAY);
    }

    void hold() {
        become(Mode.HOLD);
    }

    /**
     * A black hole ends with every connection reset: bytes were lost in the middle of their
     * streams, which no TCP connection survives.
     */
    private synchronized void become(Mode next) {
        var was = mode;
        mode = next;
        if (was == Mode.BLACK_HOLE) {
            reset();
        }
    }

    synchronized void blackHole() {
        mode = Mode.BLACK_HOLE;
    }

    /** Every connection reset at once (RST, not a clean close). */
    void reset() {
        for (var socket : Set.copyOf(sockets)) {
            try {
                socket.setSoLinger(true, 0);
                socket.close();
            } catch (IOException e) {
                // gone already
            }
            sockets.remove(socket);
        }
    }

    private void accept() {
        while (!closed) {
            try {
                var client = server.accept();
                Socket redis;
                try {
                    redis = new Socket(InetAddress.getLoopbackAddress(), upstream);
                } catch (IOException down) {
                    client.setSoLinger(true, 0);
                    client.close();
                    continue;
                }
                sockets.add(client);
                sockets.add(redis);
                threads.execute(() -> pump(client, redis));
                threads.execute(() -> pump(redis, client));
            } catch (IOException e) {
                if (closed) {
                    return;
                }
            }
        }
    }

    private void pump(Socket from, Socket to) {
        var buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream()) {
            while (true) {
                int read = in.read(buffer);
                if (read < 0) {
                    break;
                }
                while (mode == Mode.HOLD && !closed) {
                    Thread.sleep(2);
                }
                if (mode == Mode.BLACK_HOLE) {
                    continue;
                }
                if (mode == Mode.DELAY) {
                    Thread.sleep(delayMillis);
                }
                out.write(buffer, 0, read);
                out.flush();
            }
        } catch (IOException | InterruptedException e) {
            // reset, or closed
        } finally {
            close(from);
            close(to);
        }
    }

    private void close(Socket socket) {
        sockets.remove(socket);
        try {
            socket.close();
        } catch (IOException e) {
            // gone already
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException e) {
            // closing
        }
        reset();
        threads.shutdownNow();
    }
}
