package org.newslens.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.newslens.pipeline.TableStore;
import org.newslens.pipeline.TableVerifier;
import org.newslens.query.Catalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "tables", mixinStandardHelpOptions = true,
        description = {"List the tables of a run: state (complete, incomplete, missing), rows, size on disk, grain and "
            + "columns, and the last run's manifest (inputs, counts, rejects, seconds per stage).",
            "With table names: each table's columns with their types and meanings.",
            "With --verify: check every part file's footer (readable, the table's columns, rows adding up to the "
                + "completion marker's count) without scanning data; exit code 2 when a table is damaged."})
final class TablesCommand implements Callable<Integer> {
    @Option(names = {"-o", "--output"}, paramLabel = "DIR", description = "The run's output directory (default: ${DEFAULT-VALUE}).")
    String output = "out";

    @Parameters(paramLabel = "TABLE", arity = "0..*", description = "Describe these tables in detail.")
    List<String> names = List.of();

    @Option(names = "--verify", description = "Check every table's part files from their Parquet footers (no data scan) "
            + "and print a verdict per table: ok, incomplete, missing, or damaged with the files and why.")
    boolean verify;

    @Mixin
    SparkOptions sparkOptions;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Catalog catalog = new Catalog(sparkOptions.session(), output);
        PrintWriter out = spec.commandLine().getOut();
        if (verify) {
            return verify(out);
        }
        if (names.isEmpty()) {
            catalog.printOverview(out);
            out.println("(`newslens tables --verify` checks every part file's footer and row count.)");
        } else {
            for (String name : names) {
                org.newslens.tables.Tables.byName(name).orElseThrow(() -> Catalog.unknownTable(name));
            }
            for (int i = 0; i < names.size(); i++) {
                if (i > 0) {
                    out.println();
                }
                catalog.printTable(names.get(i), out);
            }
        }
        out.flush();
        return 0;
    }

    private int verify(PrintWriter out) {
        TableStore store = new TableStore(sparkOptions.session(), output);
        long started = System.nanoTime();
        List<TableVerifier.Verdict> verdicts = store.verify();
        double seconds = (System.nanoTime() - started) / 1e9;
        out.println("Tables in " + store.outputDir() + ", checked from their Parquet footers:");
        boolean damaged = false;
        for (TableVerifier.Verdict v : verdicts) {
            String detail = switch (v.state()) {
                case ok -> v.rows() + " rows in " + v.files() + " files";
                case missing -> "not written";
                case incomplete, damaged, outdated -> String.join("; ", v.problems());
            };
            out.printf("  %-20s %-10s %s%n", v.table(), v.state(), detail);
            damaged |= v.state() == TableVerifier.State.damaged;
        }
        out.printf("(%d part files checked in %.2f s)%n", verdicts.stream().mapToInt(TableVerifier.Verdict::files).sum(), seconds);
        if (damaged) {
            out.println("Damaged tables: rerun the stage that writes each (`newslens tables` lists the stages).");
        }
        out.flush();
        return damaged ? 2 : 0;
    }
}
