package org.newslens.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.util.ArrayDeque;

/**
 * Decodes UTF-8 without giving up at a byte that is not UTF-8: the byte becomes U+FFFD and its place is
 * remembered, so that a streamed file rejects only the record holding it and reads on. (A strict decoder fails a
 * whole read-ahead buffer, which lost the records before the bad byte too.)
 */
final class Utf8Reader extends Reader {
    private static final int BUFFER = 65536;

    private final InputStream in;
    private final CharsetDecoder decoder = FileParser.strictUtf8();
    private final ByteBuffer bytes = ByteBuffer.allocate(BUFFER).flip();
    /** At most one character per byte, plus room for U+FFFD after a full buffer. */
    private final CharBuffer chars = CharBuffer.allocate(BUFFER + 1).flip();
    /** Offset in the file of bytes.array()[0], and characters decoded before chars.array()[0]. */
    private long byteBase;
    private long charBase;
    private boolean eof;
    /** {character position, byte offset in the file, byte value} of the bad bytes no record has claimed yet. */
    private final ArrayDeque<long[]> bad = new ArrayDeque<>();

    /** offset: the file's bytes before in (a byte order mark, blank lines), so that offsets are the file's. */
    Utf8Reader(InputStream in, long offset) {
        this.in = in;
        this.byteBase = offset;
    }

    @Override
    public int read(char[] buf, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (!chars.hasRemaining() && !decode()) {
            return -1;
        }
        int n = Math.min(len, chars.remaining());
        chars.get(buf, off, n);
        return n;
    }

    /** Decodes more characters into the (drained) char buffer; false at the end of the input. */
    private boolean decode() throws IOException {
        charBase += chars.limit();
        chars.clear();
        while (chars.position() == 0) {
            CoderResult r = decoder.decode(bytes, chars, eof);
            if (r.isError()) {
                bad.add(new long[] {charBase + chars.position(), byteBase + bytes.position(), bytes.get(bytes.position()) & 0xFF});
                bytes.position(bytes.position() + r.length());
                chars.put('\uFFFD');
            } else if (r.isOverflow() || eof) {
                break;
            } else {
                fill();
            }
        }
        chars.flip();
        return chars.hasRemaining();
    }

    private void fill() throws IOException {
        byteBase += bytes.position();
        bytes.compact();
        int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
        if (n < 0) {
            eof = true;
        } else {
            bytes.position(bytes.position() + n);
        }
        bytes.flip();
    }

    /**
     * The first bad byte among characters [from, to) as {byte offset, byte value}, or null; the bad bytes before to
     * are forgotten (records are read in order), so only the parser's read-ahead is ever remembered.
     */
    long[] badByte(long from, long to) {
        long[] found = null;
        while (!bad.isEmpty() && bad.peek()[0] < to) {
            long[] b = bad.poll();
            if (found == null && b[0] >= from) {
                found = new long[] {b[1], b[2]};
            }
        }
        return found;
    }

    static String reason(long[] badByte) {
        return "at byte " + badByte[0] + String.format(" (0x%02X)", badByte[1]);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
