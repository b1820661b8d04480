package org.newslens.cli;

import java.io.PrintWriter;
import org.newslens.pipeline.UserError;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point for bin/newslens and spark-submit. */
@Command(name = "newslens", mixinStandardHelpOptions = true, version = "NewsLens 0.1.0",
        description = "Analyse a corpus of news articles with Spark: terms, countries and leaders, topics.",
        subcommands = {RunCommand.class, StageCommands.Ingest.class, StageCommands.Tokenize.class,
            StageCommands.Terms.class, StageCommands.Entities.class, StageCommands.Stories.class, StageCommands.Cooccur.class, StageCommands.Topics.class,
            TablesCommand.class, SqlCommand.class, ExportCommand.class, CommandLine.HelpCommand.class})
public final class Main {

    public static void main(String[] args) {
        int code = execute(args);
        System.exit(code);
    }

    /** Runs a command line and returns the exit code: 0 ok, 2 user error, 1 failure. */
    public static int execute(String... args) {
        CommandLine cli = commandLine();
        return cli.execute(args);
    }

    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Main());
        // a mistyped option or value: one line, not the whole usage text
        cli.setParameterExceptionHandler((e, args) -> {
            CommandLine c = e.getCommandLine();
            c.getErr().println("newslens: error: " + e.getMessage() + " (see '" + c.getCommandSpec().qualifiedName() + " --help')");
            c.getErr().flush();
            return 2;
        });
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            boolean loud = parseResult.subcommand() != null && parseResult.subcommand().hasMatchedOption("--verbose");
            PrintWriter err = commandLine.getErr();
            UserError user = userError(e);
            if (user != null) {
                err.println("newslens: error: " + user.getMessage());
                if (loud) {
                    e.printStackTrace(err);
                }
                err.flush();
                return 2;
            }
            String message = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
            err.println("newslens: failed: " + e.getClass().getSimpleName() + ": " + message);
            if (loud) {
                e.printStackTrace(err);
            } else {
                err.println("(run again with --verbose for the stack trace)");
            }
            err.flush();
            return 1;
        });
        return cli;
    }

    static UserError userError(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UserError u) {
                return u;
            }
        }
        return null;
    }
}
