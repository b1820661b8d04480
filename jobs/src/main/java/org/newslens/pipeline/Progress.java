package org.newslens.pipeline;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** One line when a stage starts and one when it ends (rows per table, seconds). */
public final class Progress {
    private final PrintStream out;

    public Progress(PrintStream out) {
        this.out = out;
    }

    public long start(String stage) {
        out.println("[" + stage + "] started");
        out.flush();
        return System.nanoTime();
    }

    public double done(String stage, long startNanos, Map<String, Long> rows, String extra) {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        StringBuilder sb = new StringBuilder("[" + stage + "] done in " + String.format(Locale.ROOT, "%.1f", seconds) + " s:");
        rows.forEach((table, n) -> sb.append(' ').append(table).append('=').append(n));
        if (extra != null && !extra.isEmpty()) {
            sb.append(" (").append(extra).append(')');
        }
        out.println(sb);
        out.flush();
        return seconds;
    }

    /** Prints one more line about a stage (e.g. its task metrics). */
    public void line(String text) {
        out.println(text);
        out.flush();
    }

    public static Map<String, Long> rows() {
        return new LinkedHashMap<>();
    }
}
