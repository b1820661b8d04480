package org.newslens.query;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits SQL text into statements at semicolons that are outside quotes ('...', "...", `...`) and comments
 * (-- to end of line, /* ... *&#47;). The splitter also tells the interactive prompt whether the text typed
 * so far ends a statement.
 */
public final class Statements {
    private Statements() {
    }

    /**
     * The complete statements in sql (without their semicolons and comments, stripped, empty ones dropped)
     * and the unfinished rest as written (empty when only blanks or comments follow the last semicolon).
     */
    public record Split(List<String> statements, String rest) {
    }

    public static Split split(String sql) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        char quote = 0;
        boolean lineComment = false;
        boolean blockComment = false;
        int lastEnd = 0;
        for (int i = 0; i < sql.length(); i++) {
            char c = sql.charAt(i);
            char next = i + 1 < sql.length() ? sql.charAt(i + 1) : 0;
            if (lineComment) {
                if (c == '\n') {
                    lineComment = false;
                    cur.append(c);
                }
                continue;
            }
            if (blockComment) {
                if (c == '*' && next == '/') {
                    blockComment = false;
                    i++;
                    cur.append(' ');
                }
                continue;
            }
            if (quote != 0) {
                cur.append(c);
                if (c == '\\' && quote != '`' && next != 0) {
                    cur.append(next);
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
                continue;
            }
            if (c == '-' && next == '-') {
                lineComment = true;
                i++;
            } else if (c == '/' && next == '*') {
                blockComment = true;
                i++;
            } else if (c == '\'' || c == '"' || c == '`') {
                quote = c;
                cur.append(c);
            } else if (c == ';') {
                add(out, cur);
                cur.setLength(0);
                lastEnd = i + 1;
            } else {
                cur.append(c);
            }
        }
        // the rest as typed (an open comment or quote stays open), empty when it holds no SQL
        boolean unfinished = !cur.toString().isBlank() || quote != 0 || blockComment;
        return new Split(out, unfinished ? sql.substring(lastEnd).strip() : "");
    }

    private static void add(List<String> out, StringBuilder cur) {
        String s = cur.toString().strip();
        if (!s.isEmpty()) {
            out.add(s);
        }
    }

    /** Every statement of sql, including a last one without a semicolon. */
    public static List<String> all(String sql) {
        Split s = split(sql);
        List<String> out = new ArrayList<>(s.statements());
        if (!s.rest().isEmpty()) {
            out.add(s.rest());
        }
        return out;
    }
}
