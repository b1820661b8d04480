package org.newslens.ingest;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;

/**
 * A reader that remembers the last characters it passed on, so that a reject for a streamed file can carry the
 * text around the point where parsing failed (the file itself is never held in memory).
 */
final class RecentChars extends FilterReader {
    /** Characters kept: more than a parser reads ahead, so the failure point is still in the window. */
    static final int WINDOW = 32768;
    /** Characters shown before the failure point. */
    static final int BEFORE = 200;

    private final char[] ring = new char[WINDOW];
    private long position;

    RecentChars(Reader in) {
        super(in);
    }

    /** Characters read so far. */
    long position() {
        return position;
    }

    @Override
    public int read() throws IOException {
        int c = super.read();
        if (c >= 0) {
            ring[(int) (position++ % WINDOW)] = (char) c;
        }
        return c;
    }

    @Override
    public int read(char[] buf, int off, int len) throws IOException {
        int n = super.read(buf, off, len);
        for (int i = 0; i < n; i++) {
            ring[(int) (position++ % WINDOW)] = buf[off + i];
        }
        return n;
    }

    /** The remembered text from BEFORE characters before offset on (as much of it as is still in the window). */
    String around(long offset) {
        long from = Math.max(Math.max(0, position - WINDOW), Math.min(offset, position) - BEFORE);
        long to = Math.min(position, from + RawRecords.MAX_RAW_CHARS + 1);
        StringBuilder sb = new StringBuilder((int) (to - from));
        for (long p = from; p < to; p++) {
            sb.append(ring[(int) (p % WINDOW)]);
        }
        return sb.toString();
    }
}
