package org.newslens.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.newslens.pipeline.UserError;
import org.newslens.query.Catalog;
import org.newslens.query.GraphExport;
import org.newslens.query.ResultExport;
import org.newslens.tables.TableDef;
import org.newslens.tables.Tables;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Export a run's results for other tools: the entity network for Gephi, Cytoscape or networkx; "
            + "a table as CSV for spreadsheets.",
        subcommands = {ExportCommand.Graph.class, ExportCommand.Csv.class})
final class ExportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new UserError("say what to export: `newslens export graph ...` or `newslens export csv ...` (see --help)");
    }

    @Command(name = "graph", mixinStandardHelpOptions = true,
            description = {"Write the country/leader co-occurrence network: nodes are entities (type, name, country, "
                + "mentions, articles), edges are pairs with n_ab, npmi, llr, pmi and jaccard.",
                "GEXF 1.2 (Gephi, networkx.read_gexf) or GraphML (Cytoscape, yEd, networkx.read_graphml), "
                + "by the file's extension."})
    static final class Graph implements Callable<Integer> {
        @Option(names = {"-o", "--output"}, paramLabel = "DIR", description = "The run's output directory (default: ${DEFAULT-VALUE}).")
        String output = "out";

        @Option(names = "--scope", paramLabel = "SCOPE", description = "article or sentence co-occurrence (default: ${DEFAULT-VALUE}).")
        String scope = "article";

        @Option(names = "--min-count", paramLabel = "N", description = "Keep pairs seen together at least N times (default: ${DEFAULT-VALUE}).")
        long minCount = 1;

        @Option(names = "--types", paramLabel = "TYPE", split = ",",
                description = "Only these entity types, e.g. country,leader (default: all).")
        List<String> types = List.of();

        @Option(names = "--to", required = true, paramLabel = "FILE", description = "FILE.gexf or FILE.graphml.")
        String to;

        @Option(names = "--format", paramLabel = "FORMAT", description = "gexf or graphml (default: from the extension of --to).")
        String format;

        @Mixin
        SparkOptions sparkOptions;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            if (minCount < 1) {
                throw new UserError("--min-count must be at least 1");
            }
            GraphExport.Format fmt = GraphExport.Format.of(format, to);
            SparkSession spark = sparkOptions.session();
            Catalog catalog = new Catalog(spark, output);
            GraphExport.Graph graph = GraphExport.build(spark, catalog.store(), scope, minCount, types);
            try (OutputStream out = ResultExport.create(spark, to)) {
                GraphExport.write(graph, fmt, out);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + to, e);
            }
            PrintWriter out = spec.commandLine().getOut();
            out.println(graph.nodes().size() + " entities and " + graph.edges().size() + " pairs (" + scope
                    + " scope, n_ab >= " + minCount + ") written to " + to + " (" + fmt + ")");
            if (graph.edges().isEmpty()) {
                out.println("no pair met the minimum: lower --min-count, or check the cooccurrence table with `newslens tables cooccurrence`");
            }
            out.flush();
            return 0;
        }
    }

    @Command(name = "csv", mixinStandardHelpOptions = true,
            description = {"Write one table as a CSV file (UTF-8, header row) for spreadsheets.",
                "Array, map and struct columns are JSON text; text cells starting with =, +, -, @, tab or CR get a "
                + "leading ' so a spreadsheet does not run them as formulas."})
    static final class Csv implements Callable<Integer> {
        @Option(names = {"-o", "--output"}, paramLabel = "DIR", description = "The run's output directory (default: ${DEFAULT-VALUE}).")
        String output = "out";

        @Option(names = "--table", required = true, paramLabel = "NAME", description = "The table (see `newslens tables`).")
        String table;

        @Option(names = "--to", required = true, paramLabel = "FILE", description = "The CSV file to write.")
        String to;

        @Mixin
        SparkOptions sparkOptions;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            TableDef def = Tables.byName(table).orElseThrow(() -> Catalog.unknownTable(table));
            SparkSession spark = sparkOptions.session();
            Catalog catalog = new Catalog(spark, output);
            long rows = ResultExport.writeCsv(spark, catalog.store().read(def), to);
            PrintWriter out = spec.commandLine().getOut();
            out.println(rows + (rows == 1 ? " row" : " rows") + " of " + def.name() + " written to " + to);
            out.flush();
            return 0;
        }
    }
}
