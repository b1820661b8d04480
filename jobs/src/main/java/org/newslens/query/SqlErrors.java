package org.newslens.query;

import org.apache.spark.SparkThrowable;
import org.apache.spark.sql.AnalysisException;
import org.newslens.pipeline.UserError;

/** Turns Spark's errors about a query (parse, analysis, bad data at run time) into a short {@link UserError}. */
public final class SqlErrors {
    private SqlErrors() {
    }

    /** Spark's message without the echoed SQL, the caret line or the logical plan: at most two lines. */
    public static String shortMessage(Throwable e) {
        String m = String.valueOf(e.getMessage());
        for (String cut : new String[] {"\n== SQL", "\n== Query", ";\n'", ";\n", "\n\n"}) {
            int i = m.indexOf(cut);
            if (i > 0) {
                m = m.substring(0, i);
            }
        }
        String[] lines = m.strip().split("\\R");
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(2, lines.length); i++) {
            if (!lines[i].isBlank()) {
                sb.append(sb.length() == 0 ? "" : " ").append(lines[i].strip());
            }
        }
        return sb.toString();
    }

    /**
     * The user's mistake in e, if it is one: an {@link AnalysisException} (includes parse errors) or
     * a Spark error with a non-internal SQL state (e.g. division by zero, bad cast). Otherwise null.
     */
    public static UserError asUserError(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UserError u) {
                return u;
            }
            if (t instanceof AnalysisException) {
                return new UserError(shortMessage(t), t);
            }
            if (t instanceof SparkThrowable st) {
                String state = st.getSqlState();
                if (state != null && !state.startsWith("XX")) {
                    return new UserError(shortMessage(t), t);
                }
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }

    /** Rethrows e as a UserError when it is the user's mistake, else unchanged. */
    public static RuntimeException translate(Exception e) {
        UserError u = asUserError(e);
        if (u != null) {
            return u;
        }
        return e instanceof RuntimeException r ? r : new IllegalStateException(e.getMessage(), e);
    }
}
