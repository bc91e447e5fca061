package org.cavaplan.bench.http;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * One keep-alive HTTP/1.1 connection of the load generator, with blocking I/O: it writes a request
 * built once as bytes and reads the whole answer (status line, headers, a body by
 * {@code Content-Length}, chunked, or up to the end of the stream), keeping only the status. It
 * reconnects when the server closed the connection. Not thread-safe: one per sending thread.
 *
 * <p>The JDK's {@code HttpClient} spent about 1.7 ms of CPU per CDS Hooks request on a 2-core
 * machine, CPU taken from the server it measured; this costs a small fraction of that.
 */
final class RawConnection implements Closeable {

    private static final int MAX_LINE = 16 * 1024;

    private final InetSocketAddress address;
    private final byte[] request;
    private final int timeoutMillis;
    private final byte[] skip = new byte[64 * 1024];
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    private RawConnection(InetSocketAddress address, byte[] request, int timeoutMillis) {
        this.address = address;
        this.request = request;
        this.timeoutMillis = timeoutMillis;
    }

    /** A connection (opened at the first exchange) that sends {@code target}; reads wait at most {@code timeout}. */
    static RawConnection to(HttpLoad.Target target, Duration timeout) {
        URI uri = target.uri();
        if (!"http".equals(uri.getScheme())) {
            throw new IllegalArgumentException("the load generator speaks plain http only, not " + uri.getScheme());
        }
        int port = uri.getPort() == -1 ? 80 : uri.getPort();
        return new RawConnection(new InetSocketAddress(uri.getHost(), port), requestBytes(target),
                (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis())));
    }

    /** The request as it goes on the wire. */
    static byte[] requestBytes(HttpLoad.Target target) {
        URI uri = target.uri();
        String path = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        StringBuilder head = new StringBuilder(target.method()).append(' ').append(path).append(" HTTP/1.1\r\n")
                .append("Host: ").append(uri.getHost()).append(uri.getPort() == -1 ? "" : ":" + uri.getPort()).append("\r\n");
        List<String> headers = target.headers();
        for (int i = 0; i < headers.size(); i += 2) {
            head.append(headers.get(i)).append(": ").append(headers.get(i + 1)).append("\r\n");
        }
        byte[] body = target.body();
        if (body.length > 0 || !target.method().equals("GET")) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        byte[] h = head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
        byte[] all = new byte[h.length + body.length];
        System.arraycopy(h, 0, all, 0, h.length);
        System.arraycopy(body, 0, all, h.length, body.length);
        return all;
    }

    /** Sends the request and reads the whole answer; its status code. */
    int exchange() throws IOException {
        if (socket == null) {
            open();
        }
        try {
            return send();
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    private void open() throws IOException {
        Socket s = new Socket();
        try {
            s.setTcpNoDelay(true);
            s.connect(address, timeoutMillis);
            s.setSoTimeout(timeoutMillis);
            in = new BufferedInputStream(s.getInputStream(), 64 * 1024);
            out = s.getOutputStream();
            socket = s;
        } catch (IOException e) {
            s.close();
            throw e;
        }
    }

    private int send() throws IOException {
        out.write(request);
        out.flush();
        String status = line();
        if (!status.startsWith("HTTP/1.") || status.length() < 12) {
            throw new IOException("not an HTTP/1.x status line: " + status);
        }
        int code = Integer.parseInt(status.substring(9, 12));
        long length = -1;
        boolean chunked = false;
        boolean close = status.startsWith("HTTP/1.0");
        for (String header = line(); !header.isEmpty(); header = line()) {
            int colon = header.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = header.substring(colon + 1).trim().toLowerCase(Locale.ROOT);
            switch (name) {
                case "content-length" -> length = Long.parseLong(value);
                case "transfer-encoding" -> chunked = value.contains("chunked");
                case "connection" -> close = value.contains("close") || (close && !value.contains("keep-alive"));
                default -> { }
            }
        }
        boolean bodyless = code / 100 == 1 || code == 204 || code == 304;
        if (bodyless) {
            // no body
        } else if (chunked) {
            for (long size = chunkSize(); size > 0; size = chunkSize()) {
                skip(size);
                line();
            }
            for (String trailer = line(); !trailer.isEmpty(); trailer = line()) {
                // trailers are read and dropped
            }
        } else if (length >= 0) {
            skip(length);
        } else {
            while (in.read(skip) >= 0) {
                // the body runs to the end of the stream
            }
            close = true;
        }
        if (close) {
            close();
        }
        return code;
    }

    private long chunkSize() throws IOException {
        String line = line();
        int semicolon = line.indexOf(';');
        return Long.parseLong((semicolon < 0 ? line : line.substring(0, semicolon)).trim(), 16);
    }

    private void skip(long n) throws IOException {
        long left = n;
        while (left > 0) {
            int read = in.read(skip, 0, (int) Math.min(skip.length, left));
            if (read < 0) {
                throw new IOException("the connection closed with " + left + " bytes of the body unread");
            }
            left -= read;
        }
    }

    /** One line without its CR LF (ISO-8859-1). */
    private String line() throws IOException {
        StringBuilder b = new StringBuilder(64);
        while (true) {
            int c = in.read();
            if (c < 0) {
                throw new IOException("the connection closed in the middle of an answer");
            }
            if (c == '\n') {
                int end = b.length();
                if (end > 0 && b.charAt(end - 1) == '\r') {
                    b.setLength(end - 1);
                }
                return b.toString();
            }
            if (b.length() >= MAX_LINE) {
                throw new IOException("a header line longer than " + MAX_LINE + " bytes");
            }
            b.append((char) c);
        }
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException e) {
                // closing a connection we are done with
            }
            socket = null;
            in = null;
            out = null;
        }
    }
}
