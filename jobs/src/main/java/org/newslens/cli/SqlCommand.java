package org.newslens.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.newslens.pipeline.UserError;
import org.newslens.query.ResultExport;
import org.newslens.query.SqlRunner;
import org.newslens.query.SqlShell;
import org.newslens.query.Statements;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "sql", mixinStandardHelpOptions = true,
        description = {"Query a run's tables with Spark SQL: every complete table is a view under its own name.",
            "With a query: print its result as a table, or write all of it with --format and --to. "
            + "Without: an interactive prompt (history in ~/.newslens_history; end statements with ';')."})
final class SqlCommand implements Callable<Integer> {
    @Option(names = {"-o", "--output"}, paramLabel = "DIR", description = "The run's output directory (default: ${DEFAULT-VALUE}).")
    String output = "out";

    @Parameters(paramLabel = "QUERY", arity = "0..1",
            description = "SQL; several statements separated by ';' run in order (only the last is exported).")
    String query;

    @Option(names = "--limit", paramLabel = "N", description = "Rows to print (default: ${DEFAULT-VALUE}).")
    int limit = 50;

    @Option(names = "--truncate", paramLabel = "N", description = "Cut printed cells to N characters, 0 = never (default: ${DEFAULT-VALUE}).")
    int truncate = 40;

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "Write the whole result instead of printing it: csv (one file, formula-like text neutralised), "
                + "json (one file, JSON Lines) or parquet (a directory). Needs --to.")
    String format;

    @Option(names = "--to", paramLabel = "PATH", description = "Where --format writes (a file, or a directory for parquet).")
    String to;

    @Option(names = "--force", description = "Replace an existing parquet directory at --to.")
    boolean force;

    @Mixin
    SparkOptions sparkOptions;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        ResultExport.Format fmt = null;
        if (format != null || to != null) {
            if (format == null || to == null) {
                throw new UserError("--format and --to go together: --format csv|json|parquet --to PATH");
            }
            fmt = ResultExport.Format.parse(format);
            if (query == null) {
                throw new UserError("--format needs a query");
            }
        }
        if (truncate < 0) {
            throw new UserError("--truncate must be 0 (never) or more");
        }
        SqlRunner runner = new SqlRunner(sparkOptions.session(), output).limit(limit).truncate(truncate);
        PrintWriter out = spec.commandLine().getOut();
        if (query == null) {
            new SqlShell(runner).runOnTerminal();
            return 0;
        }
        List<String> statements = Statements.all(query);
        if (statements.isEmpty()) {
            throw new UserError("empty query");
        }
        for (int i = 0; i < statements.size(); i++) {
            boolean last = i == statements.size() - 1;
            if (fmt != null && last) {
                long rows = runner.export(statements.get(i), fmt, to, force);
                out.println(rows + (rows == 1 ? " row" : " rows") + " written to " + to + " (" + fmt + ")");
            } else {
                runner.print(statements.get(i), out);
            }
        }
        out.flush();
        return 0;
    }
}
