package org.cavaplan.server.hostile;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Sends probes to one server, a few at a time, and collects every answer in the order of the probes. */
final class Sender {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final int MAX_ANSWER = 4 * 1024 * 1024;

    /** What java.net.http says when the server closed a kept-alive connection before this request reached it. */
    private static final String STALE = "HTTP/1.1 header parser received no bytes";

    private final int port;
    final java.util.concurrent.atomic.AtomicInteger staleRetries = new java.util.concurrent.atomic.AtomicInteger();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();

    Sender(int port) {
        this.port = port;
    }

    /** Every probe's answer, sent on {@code threads} threads. */
    List<Answer> sendAll(List<Probe> probes, int threads) {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Answer>> futures = new ArrayList<>();
            for (Probe p : probes) {
                futures.add(pool.submit(() -> send(p)));
            }
            List<Answer> answers = new ArrayList<>();
            for (Future<Answer> f : futures) {
                answers.add(f.get());
            }
            return answers;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    Answer send(Probe probe) {
        long start = System.nanoTime();
        Answer answer = probe instanceof Probe.Http h ? http(h) : raw(((Probe.Raw) probe).bytes(), probe);
        return new Answer(probe, answer.status(), answer.contentType(), answer.location(), answer.body(), answer.failure(),
                (System.nanoTime() - start) / 1_000_000);
    }

    private Answer http(Probe.Http p) {
        HttpRequest.Builder b;
        try {
            b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + p.pathAndQuery()))
                    .timeout(TIMEOUT)
                    .method(p.method(), p.body() == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(p.body()));
            for (int i = 0; i < p.headers().size(); i += 2) {
                b.header(p.headers().get(i), p.headers().get(i + 1));
            }
        } catch (IllegalArgumentException e) {
            // a path or header java.net.http refuses to send: the same request, written by hand
            return raw(asBytes(p), p);
        }
        try {
            HttpResponse<byte[]> r;
            try {
                r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (IOException e) {
                if (!STALE.equals(e.getMessage())) {
                    throw e;
                }
                // the server had closed the pooled connection this request went out on: not an answer
                // to this request, so it is sent once more, on a new connection, and counted
                staleRetries.incrementAndGet();
                r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            }
            return new Answer(p, r.statusCode(), r.headers().firstValue("Content-Type").orElse(null),
                    r.headers().firstValue("Location").orElse(null), r.body(), null, 0);
        } catch (IOException e) {
            return new Answer(p, 0, null, null, new byte[0], e.getClass().getSimpleName() + ": " + e.getMessage(), 0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Answer raw(byte[] bytes, Probe probe) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(bytes);
                out.flush();
                // nothing more will come: a server waiting for the rest of a broken request sees the end now
                socket.shutdownOutput();
            } catch (IOException e) {
                // the server may answer and close before the whole request is written: read what it said
            }
            return parse(readAnswer(socket.getInputStream()), probe);
        } catch (IOException e) {
            return new Answer(probe, 0, null, null, new byte[0], e.getClass().getSimpleName() + ": " + e.getMessage(), 0);
        }
    }

    private static byte[] asBytes(Probe.Http p) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringBuilder head = new StringBuilder(p.method()).append(' ').append(p.pathAndQuery())
                .append(" HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n");
        for (int i = 0; i < p.headers().size(); i += 2) {
            head.append(p.headers().get(i)).append(": ").append(p.headers().get(i + 1)).append("\r\n");
        }
        if (p.body() != null) {
            head.append("Content-Length: ").append(p.body().length).append("\r\n");
        }
        out.writeBytes(head.append("\r\n").toString().getBytes(StandardCharsets.UTF_8));
        if (p.body() != null) {
            out.writeBytes(p.body());
        }
        return out.toByteArray();
    }

    /** Reads one HTTP answer: up to the end of its body (by length or chunks) or the end of the stream. */
    private static byte[] readAnswer(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int headEnd = -1;
        long wanted = -1;
        boolean chunked = false;
        while (all.size() < MAX_ANSWER) {
            int n;
            try {
                n = in.read(buffer);
            } catch (IOException e) {
                if (all.size() > 0) {
                    break; // reset after the answer was sent
                }
                throw e;
            }
            if (n < 0) {
                break;
            }
            all.write(buffer, 0, n);
            byte[] sofar = all.toByteArray();
            if (headEnd < 0) {
                headEnd = indexOf(sofar, "\r\n\r\n");
                if (headEnd >= 0) {
                    String head = new String(sofar, 0, headEnd, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
                    chunked = head.contains("\ntransfer-encoding: chunked");
                    int at = head.indexOf("\ncontent-length:");
                    if (at >= 0) {
                        int end = head.indexOf('\r', at + 1);
                        wanted = Long.parseLong(head.substring(at + 16, end < 0 ? head.length() : end).strip());
                    }
                    if (head.startsWith("http/1.1 304") || head.startsWith("http/1.1 204")) {
                        wanted = 0;
                    }
                }
            }
            if (headEnd >= 0) {
                int bodyLength = sofar.length - headEnd - 4;
                if (wanted >= 0 && bodyLength >= wanted) {
                    break;
                }
                if (chunked && indexOf(sofar, "\r\n0\r\n\r\n") >= headEnd) {
                    break;
                }
            }
        }
        return all.toByteArray();
    }

    private static Answer parse(byte[] bytes, Probe probe) {
        if (bytes.length == 0) {
            return new Answer(probe, 0, null, null, bytes, "closed without an answer", 0);
        }
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        if (!text.startsWith("HTTP/1.")) {
            return new Answer(probe, -1, null, null, bytes, "not an HTTP answer", 0);
        }
        int status = Integer.parseInt(text.substring(9, 12));
        int headEnd = text.indexOf("\r\n\r\n");
        String head = headEnd < 0 ? text : text.substring(0, headEnd);
        String type = null;
        String location = null;
        for (String line : head.split("\r\n")) {
            String lower = line.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-type:")) {
                type = line.substring(13).strip();
            } else if (lower.startsWith("location:")) {
                location = line.substring(9).strip();
            }
        }
        byte[] body = headEnd < 0 ? new byte[0]
                : java.util.Arrays.copyOfRange(bytes, headEnd + 4, bytes.length);
        return new Answer(probe, status, type, location, body, null, 0);
    }

    private static int indexOf(byte[] data, String what) {
        byte[] w = what.getBytes(StandardCharsets.ISO_8859_1);
        outer:
        for (int i = 0; i + w.length <= data.length; i++) {
            for (int j = 0; j < w.length; j++) {
                if (data[i + j] != w[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
