package org.newslens.text;

import com.ibm.icu.text.BreakIterator;
import com.ibm.icu.text.FilteredBreakIteratorBuilder;
import com.ibm.icu.util.ULocale;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits text into sentences: a line break always ends a sentence (subheadings have no full stop);
 * within a line ICU's sentence rules apply, with breaks suppressed after the abbreviations news text uses
 * (CLDR's English list plus titles, months, U.S.-style acronyms and single-letter initials).
 * Not thread-safe: one instance per thread.
 */
public final class SentenceSplitter {

    /** A sentence as [start, end) offsets into the text it came from. */
    public record Span(int start, int end) {
    }

    private static final String[] ABBREVIATIONS = {
        "Mr.", "Mrs.", "Ms.", "Dr.", "Prof.", "Sr.", "Jr.", "St.", "Sen.", "Rep.", "Gov.", "Gen.", "Lt.", "Col.",
        "Sgt.", "Capt.", "Adm.", "Maj.", "Rev.", "Hon.", "Pres.", "Amb.", "Cpl.", "Pvt.",
        "Jan.", "Feb.", "Mar.", "Apr.", "Jun.", "Jul.", "Aug.", "Sep.", "Sept.", "Oct.", "Nov.", "Dec.",
        "U.S.", "U.K.", "U.N.", "E.U.", "U.S.A.", "U.A.E.", "D.C.", "No.", "Nos.", "vs.", "v.", "etc.", "approx.",
        "Inc.", "Ltd.", "Co.", "Corp.", "Bros.", "Mt.", "Ft.", "Ave.", "Blvd.", "a.m.", "p.m.", "e.g.", "i.e."
    };

    private final BreakIterator breaker;

    public SentenceSplitter() {
        FilteredBreakIteratorBuilder builder = FilteredBreakIteratorBuilder.getInstance(ULocale.ENGLISH);
        for (String abbreviation : ABBREVIATIONS) {
            builder.suppressBreakAfter(abbreviation);
        }
        for (char c = 'A'; c <= 'Z'; c++) {
            builder.suppressBreakAfter(c + ".");
        }
        breaker = builder.wrapIteratorWithFilter(BreakIterator.getSentenceInstance(ULocale.ENGLISH));
    }

    public List<Span> split(String text) {
        List<Span> spans = new ArrayList<>();
        int lineStart = 0;
        while (lineStart <= text.length()) {
            int lineEnd = text.indexOf('\n', lineStart);
            if (lineEnd < 0) {
                lineEnd = text.length();
            }
            splitLine(text, lineStart, lineEnd, spans);
            lineStart = lineEnd + 1;
        }
        return spans;
    }

    private void splitLine(String text, int from, int to, List<Span> spans) {
        if (from >= to) {
            return;
        }
        String line = text.substring(from, to);
        breaker.setText(line);
        int start = breaker.first();
        for (int end = breaker.next(); end != BreakIterator.DONE; start = end, end = breaker.next()) {
            int s = start;
            int e = end;
            while (s < e && Character.isWhitespace(line.charAt(s))) {
                s++;
            }
            while (e > s && Character.isWhitespace(line.charAt(e - 1))) {
                e--;
            }
            if (e <= s) {
                continue;
            }
            // "Stop!" he said. -- a sentence cannot start in lower case: it continues the previous one
            if (!spans.isEmpty() && Character.isLowerCase(line.charAt(s)) && spans.get(spans.size() - 1).end() > from) {
                Span previous = spans.remove(spans.size() - 1);
                spans.add(new Span(previous.start(), from + e));
            } else {
                spans.add(new Span(from + s, from + e));
            }
        }
    }
}
