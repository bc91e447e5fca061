package org.cavaplan.survival;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the used columns of a CSV file (RFC 4180: comma separated, optional double quotes with
 * {@code ""} escapes, LF or CRLF line ends, header row, optional UTF-8 byte order mark) straight
 * from bytes. Columns that are not used are skipped without being decoded. Blank lines are
 * skipped. A value that is empty or {@code NA} is missing.
 */
final class CsvReader {
    private final byte[] b;
    private final int end;
    private final String source;
    private int pos;
    private long line = 1;

    /** Field boundaries of the current record, for fields 0..maxField. */
    private final int[] fieldStart;
    private final int[] fieldEnd;
    private final boolean[] fieldQuoted;
    private int fieldCount;

    private CsvReader(byte[] bytes, String source, int maxField) {
        this.b = bytes;
        this.end = bytes.length;
        this.source = source;
        this.fieldStart = new int[maxField + 1];
        this.fieldEnd = new int[maxField + 1];
        this.fieldQuoted = new boolean[maxField + 1];
        if (end >= 3 && (b[0] & 0xFF) == 0xEF && (b[1] & 0xFF) == 0xBB && (b[2] & 0xFF) == 0xBF) {
            pos = 3;
        }
    }

    static SurvivalData read(byte[] bytes, String source, ColumnSpec spec)
            throws SurvivalException.InputException {
        List<String> header = readHeader(bytes);
        int timeIdx = indexOf(header, spec.time());
        int eventIdx = indexOf(header, spec.event());
        int groupIdx = spec.group() == null ? -1 : indexOf(header, spec.group());
        int p = spec.covariates().size();
        int[] covIdx = new int[p];
        for (int j = 0; j < p; j++) {
            covIdx[j] = indexOf(header, spec.covariates().get(j));
        }
        int maxField = Math.max(Math.max(timeIdx, eventIdx), groupIdx);
        for (int c : covIdx) {
            maxField = Math.max(maxField, c);
        }

        CsvReader r = new CsvReader(bytes, source, maxField);
        r.skipHeader();
        int capacity = r.countNewlines() + 1;
        double[] time = new double[capacity];
        byte[] event = new byte[capacity];
        long[] lines = new long[capacity];
        int[] group = groupIdx >= 0 ? new int[capacity] : null;
        double[][] cov = new double[p][capacity];
        Interner interner = groupIdx >= 0 ? new Interner(bytes) : null;

        int n = 0;
        while (r.nextRecord()) {
            long ln = r.recordLine;
            if (r.fieldCount <= maxField) {
                if (r.fieldCount == 1 && r.fieldStart[0] == r.fieldEnd[0] && !r.fieldQuoted[0]) {
                    continue; // blank line
                }
                throw new SurvivalException.MalformedCsv(
                        ln, "expected at least " + (maxField + 1) + " fields, found " + r.fieldCount);
            }
            if (n == time.length) {
                int cap = time.length * 2 + 16;
                time = Arrays.copyOf(time, cap);
                event = Arrays.copyOf(event, cap);
                lines = Arrays.copyOf(lines, cap);
                if (group != null) {
                    group = Arrays.copyOf(group, cap);
                }
                for (int j = 0; j < p; j++) {
                    cov[j] = Arrays.copyOf(cov[j], cap);
                }
            }
            lines[n] = ln;
            time[n] = r.number(timeIdx, spec.time(), ln);
            if (!Double.isNaN(time[n]) && !(time[n] >= 0 && time[n] < Double.POSITIVE_INFINITY)) {
                throw new SurvivalException.NegativeTime(ln, spec.time(), time[n]);
            }
            event[n] = r.event(eventIdx, spec.event(), ln, spec.competing());
            if (group != null) {
                group[n] = r.isMissing(groupIdx) ? -1 : interner.code(r, groupIdx);
            }
            for (int j = 0; j < p; j++) {
                double v = r.number(covIdx[j], spec.covariates().get(j), ln);
                if (Double.isInfinite(v)) {
                    throw new SurvivalException.NonNumericValue(ln, spec.covariates().get(j), r.text(covIdx[j]));
                }
                cov[j][n] = v;
            }
            n++;
        }
        if (n < time.length) {
            time = Arrays.copyOf(time, n);
            event = Arrays.copyOf(event, n);
            lines = Arrays.copyOf(lines, n);
            if (group != null) {
                group = Arrays.copyOf(group, n);
            }
            for (int j = 0; j < p; j++) {
                cov[j] = Arrays.copyOf(cov[j], n);
            }
        }
        return new SurvivalData(
                source, spec.time(), spec.event(), time, event, spec.group(), group,
                interner == null ? null : interner.labels(), spec.covariates(), cov, lines, spec.competing());
    }

    private static int indexOf(List<String> header, String name) throws SurvivalException.MissingColumn {
        int i = header.indexOf(name.trim());
        if (i < 0) {
            throw new SurvivalException.MissingColumn(name, header);
        }
        return i;
    }

    private static List<String> readHeader(byte[] bytes) throws SurvivalException.InputException {
        CsvReader r = new CsvReader(bytes, "", 0);
        List<String> names = new ArrayList<>();
        while (true) {
            if (r.pos >= r.end) {
                throw new SurvivalException.MalformedCsv(r.line, "no header row");
            }
            // Blank lines before the header are skipped.
            if (r.b[r.pos] == '\n' || r.b[r.pos] == '\r') {
                r.skipLineEnd();
                continue;
            }
            break;
        }
        boolean more = true;
        while (more) {
            int[] se = r.scanField();
            names.add(r.decode(se[0], se[1], se[2] == 1).trim());
            more = se[3] == 1;
        }
        return names;
    }

    private void skipHeader() throws SurvivalException.MalformedCsv {
        while (pos < end && (b[pos] == '\n' || b[pos] == '\r')) {
            skipLineEnd();
        }
        boolean more = true;
        while (more) {
            more = scanField()[3] == 1;
        }
    }

    private int countNewlines() {
        int c = 0;
        for (int i = pos; i < end; i++) {
            if (b[i] == '\n') {
                c++;
            }
        }
        return c;
    }

    private long recordLine;

    /** Reads the next record's field boundaries; false at end of input. */
    private boolean nextRecord() throws SurvivalException.MalformedCsv {
        if (pos >= end) {
            return false;
        }
        recordLine = line;
        fieldCount = 0;
        boolean more = true;
        while (more) {
            int[] se = scanField();
            if (fieldCount < fieldStart.length) {
                fieldStart[fieldCount] = se[0];
                fieldEnd[fieldCount] = se[1];
                fieldQuoted[fieldCount] = se[2] == 1;
            }
            fieldCount++;
            more = se[3] == 1;
        }
        return true;
    }

    private final int[] scan = new int[4];

    /**
     * Scans one field at pos. Returns {start, end, quoted, more}: content bounds (inside quotes if
     * quoted), and whether another field of the same record follows. Consumes the separator or the
     * line end.
     */
    private int[] scanField() throws SurvivalException.MalformedCsv {
        int start = pos;
        int stop;
        boolean quoted = false;
        if (pos < end && b[pos] == '"') {
            quoted = true;
            long openLine = line;
            pos++;
            start = pos;
            while (true) {
                if (pos >= end) {
                    throw new SurvivalException.MalformedCsv(openLine, "unterminated quoted field");
                }
                byte c = b[pos];
                if (c == '"') {
                    if (pos + 1 < end && b[pos + 1] == '"') {
                        pos += 2;
                        continue;
                    }
                    break;
                }
                if (c == '\n') {
                    line++;
                }
                pos++;
            }
            stop = pos;
            pos++; // closing quote
            // Tolerate spaces between the closing quote and the separator.
            while (pos < end && (b[pos] == ' ' || b[pos] == '\t')) {
                pos++;
            }
            if (pos < end && b[pos] != ',' && b[pos] != '\n' && b[pos] != '\r') {
                throw new SurvivalException.MalformedCsv(line, "text after a closing quote");
            }
        } else {
            while (pos < end) {
                byte c = b[pos];
                if (c == ',' || c == '\n' || c == '\r') {
                    break;
                }
                pos++;
            }
            stop = pos;
        }
        scan[0] = start;
        scan[1] = stop;
        scan[2] = quoted ? 1 : 0;
        if (pos < end && b[pos] == ',') {
            pos++;
            scan[3] = 1;
        } else {
            skipLineEnd();
            scan[3] = 0;
        }
        return scan;
    }

    private void skipLineEnd() {
        if (pos < end && b[pos] == '\r') {
            pos++;
            if (pos < end && b[pos] == '\n') {
                pos++;
            }
            line++;
        } else if (pos < end && b[pos] == '\n') {
            pos++;
            line++;
        }
    }

    private int trimStart(int f) {
        int s = fieldStart[f];
        int e = fieldEnd[f];
        while (s < e && (b[s] == ' ' || b[s] == '\t')) {
            s++;
        }
        return s;
    }

    private int trimEnd(int f) {
        int s = fieldStart[f];
        int e = fieldEnd[f];
        while (e > s && (b[e - 1] == ' ' || b[e - 1] == '\t')) {
            e--;
        }
        return e;
    }

    boolean isMissing(int f) {
        int s = trimStart(f);
        int e = trimEnd(f);
        return s >= e || (e - s == 2 && b[s] == 'N' && b[s + 1] == 'A');
    }

    /** The numeric value of field f; NaN when missing. */
    private double number(int f, String column, long ln) throws SurvivalException.NonNumericValue {
        if (isMissing(f)) {
            return Double.NaN;
        }
        double v = DoubleParser.parse(b, trimStart(f), trimEnd(f));
        if (Double.isNaN(v)) {
            throw new SurvivalException.NonNumericValue(ln, column, text(f));
        }
        return v;
    }

    private byte event(int f, String column, long ln, boolean competing) throws SurvivalException.InvalidEvent {
        if (isMissing(f)) {
            return SurvivalData.MISSING_EVENT;
        }
        int s = trimStart(f);
        int e = trimEnd(f);
        if (e - s == 1 && (b[s] == '0' || b[s] == '1' || (competing && b[s] == '2'))) {
            return (byte) (b[s] - '0');
        }
        double v = DoubleParser.parse(b, s, e);
        if (v == 0 || v == 1 || (competing && v == 2)) {
            return (byte) v;
        }
        throw new SurvivalException.InvalidEvent(ln, column, text(f), competing);
    }

    String text(int f) {
        return decode(trimStart(f), trimEnd(f), fieldQuoted[f]);
    }

    private String decode(int s, int e, boolean quoted) {
        String t = new String(b, s, e - s, StandardCharsets.UTF_8);
        return quoted ? t.replace("\"\"", "\"") : t;
    }

    @Override
    public String toString() {
        return "CsvReader[" + source + " line " + line + "]";
    }

    /** Maps the bytes of a group field to a small integer code without allocating per row. */
    private static final class Interner {
        private final byte[] data;
        private int[] slots = new int[64]; // code + 1, 0 = empty
        private int[] hashes = new int[64];
        private final List<int[]> keys = new ArrayList<>(); // {start, end}
        private final List<String> labels = new ArrayList<>();
        private final Map<String, Integer> byText = new HashMap<>();

        Interner(byte[] data) {
            this.data = data;
        }

        int code(CsvReader r, int f) {
            int s = r.trimStart(f);
            int e = r.trimEnd(f);
            boolean escaped = false;
            int h = 1;
            for (int i = s; i < e; i++) {
                h = 31 * h + data[i];
                if (data[i] == '"') {
                    escaped = true;
                }
            }
            if (escaped) {
                String text = r.decode(s, e, true);
                Integer c = byText.get(text);
                if (c == null) {
                    c = add(text, -1, -1, 0);
                }
                return c;
            }
            int mask = slots.length - 1;
            int i = mix(h) & mask;
            while (slots[i] != 0) {
                int c = slots[i] - 1;
                if (hashes[i] == h) {
                    int[] k = keys.get(c);
                    if (k[0] >= 0 && Arrays.equals(data, k[0], k[1], data, s, e)) {
                        return c;
                    }
                }
                i = (i + 1) & mask;
            }
            String text = new String(data, s, e - s, StandardCharsets.UTF_8);
            Integer existing = byText.get(text);
            if (existing != null) {
                return existing;
            }
            return add(text, s, e, h);
        }

        private int add(String text, int s, int e, int h) {
            int c = labels.size();
            labels.add(text);
            keys.add(new int[] {s, e});
            byText.put(text, c);
            if (s >= 0) {
                if ((c + 1) * 2 > slots.length) {
                    rehash();
                }
                insert(c, h);
            }
            return c;
        }

        private void insert(int c, int h) {
            int mask = slots.length - 1;
            int i = mix(h) & mask;
            while (slots[i] != 0) {
                i = (i + 1) & mask;
            }
            slots[i] = c + 1;
            hashes[i] = h;
        }

        private void rehash() {
            int[] oldSlots = slots;
            int[] oldHashes = hashes;
            slots = new int[oldSlots.length * 2];
            hashes = new int[oldSlots.length * 2];
            for (int i = 0; i < oldSlots.length; i++) {
                if (oldSlots[i] != 0) {
                    insert(oldSlots[i] - 1, oldHashes[i]);
                }
            }
        }

        private static int mix(int h) {
            return h ^ (h >>> 16) ^ (h >>> 7);
        }

        String[] labels() {
            return labels.toArray(new String[0]);
        }
    }
}
