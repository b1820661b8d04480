package org.newslens.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
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
            "With table names: each table's columns with their types and meanings."})
final class TablesCommand implements Callable<Integer> {
    @Option(names = {"-o", "--output"}, paramLabel = "DIR", description = "The run's output directory (default: ${DEFAULT-VALUE}).")
    String output = "out";

    @Parameters(paramLabel = "TABLE", arity = "0..*", description = "Describe these tables in detail.")
    List<String> names = List.of();

    @Mixin
    SparkOptions sparkOptions;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Catalog catalog = new Catalog(sparkOptions.session(), output);
        PrintWriter out = spec.commandLine().getOut();
        if (names.isEmpty()) {
            catalog.printOverview(out);
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
}
