package org.newslens.tables;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import org.apache.spark.sql.Row;

/**
 * Folds each run of a partition of sentence rows, a maximal stretch of consecutive rows of one article, into one
 * output row, lazily, so only one run is held at a time. Tokenize writes an article's sentences together, so a run
 * read back is nearly always the whole article and per-article work needs no shuffle; a run is known to be whole
 * when it has the article's n_sentences rows. The input's first column is article_id.
 */
public abstract class ArticleRunFold implements Iterator<Row> {
    private final Iterator<Row> source;
    private Row pending;

    protected ArticleRunFold(Iterator<Row> source) {
        this.source = source;
        this.pending = source.hasNext() ? source.next() : null;
    }

    /** Starts a run at its first row. */
    protected abstract void start(Row first);

    /** Adds a row of the run (the first one too). */
    protected abstract void add(Row row);

    /** The run's output row, given its first row and how many rows it had. */
    protected abstract Row finish(Row first, int rows);

    /**
     * Whether a run of {@code rows} rows is the whole article: as many rows as the article's n_sentences, which
     * {@code first} holds at {@code nSentences} (null: not known, so not whole).
     */
    protected static boolean whole(Row first, int nSentences, int rows) {
        return !first.isNullAt(nSentences) && rows == first.getInt(nSentences);
    }

    /** Whether {@code row} continues the run that {@code first} started: the same article_id. */
    protected boolean sameRun(Row first, Row row) {
        return Objects.equals(first.getString(0), row.getString(0));
    }

    @Override
    public final boolean hasNext() {
        return pending != null;
    }

    @Override
    public final Row next() {
        if (pending == null) {
            throw new NoSuchElementException();
        }
        Row first = pending;
        start(first);
        int rows = 0;
        Row row = first;
        do {
            add(row);
            rows++;
            row = source.hasNext() ? source.next() : null;
        } while (row != null && sameRun(first, row));
        pending = row;
        return finish(first, rows);
    }
}
