package org.newslens.query;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.newslens.pipeline.UserError;

/**
 * The interactive SQL prompt: line editing and history (JLine, history in ~/.newslens_history),
 * statements end with ';' and may span lines; {@code exit}, {@code quit} or Ctrl-D leave, Ctrl-C drops
 * the statement being typed. {@code tables} lists the views; {@code help} says this.
 */
public final class SqlShell {
    public static final String PROMPT = "newslens> ";
    public static final String CONTINUE = "       -> ";

    /** Where lines come from: JLine on a terminal, a list in tests. Returns null at end of input. */
    public interface LineSource {
        String readLine(String prompt) throws InterruptedException;
    }

    private final SqlRunner runner;

    public SqlShell(SqlRunner runner) {
        this.runner = runner;
    }

    /** Runs the prompt on the process's terminal (or stdin/stdout when there is none). */
    public void runOnTerminal() {
        try (Terminal terminal = TerminalBuilder.builder().system(true).dumb(true).build()) {
            LineReader reader = LineReaderBuilder.builder().terminal(terminal).appName("newslens")
                    .variable(LineReader.HISTORY_FILE, historyFile())
                    .variable(LineReader.SECONDARY_PROMPT_PATTERN, CONTINUE)
                    .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
                    .build();
            PrintWriter out = terminal.writer();
            run(prompt -> {
                try {
                    return reader.readLine(prompt);
                } catch (UserInterruptException e) {
                    throw new InterruptedException();
                } catch (EndOfFileException e) {
                    return null;
                }
            }, out);
            try {
                reader.getHistory().save();
            } catch (IOException e) {
                // history is a convenience
            }
        } catch (IOException e) {
            throw new UserError("cannot open the terminal: " + e.getMessage(), e);
        }
    }

    static Path historyFile() {
        return Path.of(System.getProperty("user.home"), ".newslens_history");
    }

    /** The read-eval-print loop; errors are printed and the loop goes on. */
    public void run(LineSource in, PrintWriter out) {
        out.println("NewsLens SQL on " + runner.outputDir() + ": tables " + String.join(", ", runner.views()));
        out.println("End statements with ';'. 'tables' lists them, 'exit' or Ctrl-D leaves.");
        out.flush();
        StringBuilder pending = new StringBuilder();
        while (true) {
            String line;
            try {
                line = in.readLine(pending.length() == 0 ? PROMPT : CONTINUE);
            } catch (InterruptedException e) {
                pending.setLength(0);
                continue;
            }
            if (line == null) {
                out.println();
                out.flush();
                return;
            }
            if (pending.length() == 0) {
                String word = line.strip().replaceAll(";+$", "").strip().toLowerCase(Locale.ROOT);
                if (word.equals("exit") || word.equals("quit") || word.equals("\\q")) {
                    out.flush();
                    return;
                }
                if (word.equals("help") || word.equals("\\?")) {
                    out.println("SQL (Spark SQL) over the tables of the run, each a view under its own name; end with ';'.");
                    out.println("tables: list them; describe NAME; shows columns; exit, quit or Ctrl-D: leave.");
                    out.flush();
                    continue;
                }
                if (word.equals("tables") || word.equals("\\d")) {
                    out.println(String.join("\n", runner.views()));
                    out.flush();
                    continue;
                }
                if (word.isEmpty()) {
                    continue;
                }
            }
            pending.append(line).append('\n');
            Statements.Split split = Statements.split(pending.toString());
            for (String statement : split.statements()) {
                execute(statement, out);
            }
            pending.setLength(0);
            if (!split.rest().isEmpty()) {
                pending.append(split.rest()).append('\n');
            }
        }
    }

    private void execute(String statement, PrintWriter out) {
        long start = System.nanoTime();
        try {
            runner.print(statement, out);
            out.printf(Locale.ROOT, "(%.1f s)%n", (System.nanoTime() - start) / 1e9);
        } catch (UserError e) {
            out.println("error: " + e.getMessage());
        } catch (RuntimeException e) {
            out.println("failed: " + e.getClass().getSimpleName() + ": " + SqlErrors.shortMessage(e));
        }
        out.flush();
    }
}
