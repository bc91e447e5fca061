package org.cavaplan.io;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * An in-memory output kept in blocks of 128 KB rather than one growing array: G1 allocates an array
 * of half a region or more (512 KB at the usual heap sizes) the slow way, and a chunk of plans
 * outgrows that. Not thread-safe.
 */
final class Blocks extends OutputStream {

    private static final int BLOCK = 128 * 1024;

    private final List<byte[]> full = new ArrayList<>();
    private byte[] current = new byte[BLOCK];
    private int used;

    @Override
    public void write(int b) {
        if (used == BLOCK) {
            next();
        }
        current[used++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) {
        while (len > 0) {
            if (used == BLOCK) {
                next();
            }
            int n = Math.min(len, BLOCK - used);
            System.arraycopy(b, off, current, used, n);
            used += n;
            off += n;
            len -= n;
        }
    }

    private void next() {
        full.add(current);
        current = new byte[BLOCK];
        used = 0;
    }

    /** Writes every byte so far to {@code out}, in order. */
    void writeTo(OutputStream out) throws IOException {
        for (byte[] block : full) {
            out.write(block);
        }
        out.write(current, 0, used);
    }
}
