package org.newslens.ingest;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.spark.TaskContext;
import org.apache.spark.sql.Row;
import org.apache.spark.util.TaskCompletionListener;

/** Records of a streamed file, produced one at a time; the file is closed at the end or with the task. */
abstract class StreamedRecords implements Iterator<Row> {
    final String file;
    /** The decoded text read so far (null for JSON Lines, which decodes line by line). */
    final RecentChars recent;
    private final Closeable input;
    long index;
    private Row pending;
    private boolean done;
    private boolean closed;
    private Runnable beforeClose;

    StreamedRecords(String file, Closeable input, RecentChars recent) {
        this.file = file;
        this.input = input;
        this.recent = recent;
    }

    /** The next row, or null at the end; a row that ends the file (an unrecoverable error) calls stop(). */
    abstract Row read() throws IOException;

    void stop() {
        done = true;
    }

    Iterator<Row> closeWithTask() {
        TaskContext task = TaskContext.get();
        if (task != null) {
            task.addTaskCompletionListener((TaskCompletionListener) ctx -> close());
        }
        return this;
    }

    @Override
    public boolean hasNext() {
        if (pending == null && !done) {
            try {
                pending = read();
            } catch (IOException | UncheckedIOException e) {
                pending = RawRecords.error(file, index, null, "cannot read file from record " + index + " on: " + FileParser.oneLine(e.getMessage()));
                done = true;
            } catch (RuntimeException e) {
                pending = RawRecords.error(file, index, null, "cannot parse file from record " + index + " on: " + FileParser.oneLine(e.toString()));
                done = true;
            }
            if (pending == null || done) {
                done = true;
                close();
            }
        }
        return pending != null;
    }

    @Override
    public Row next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Row r = pending;
        pending = null;
        return r;
    }

    /** Runs once, just before the input is closed (while its position can still be read). */
    void beforeClose(Runnable action) {
        this.beforeClose = action;
    }

    void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (beforeClose != null) {
            beforeClose.run();
        }
        try {
            input.close();
        } catch (IOException e) {
            // nothing was written; the records read so far stand
        }
    }

    /** A file that yields one reject. */
    static final class Failed extends StreamedRecords {
        private final String reason;

        Failed(String file, RecentChars recent, String reason) {
            super(file, recent, recent);
            this.reason = reason;
        }

        @Override
        Row read() {
            stop();
            return RawRecords.error(file, null, recent.around(0), reason);
        }
    }
}
