package org.newslens.kernel;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * A cell that threw: the cause is the real exception; the message is its class and message, and
 * {@link #userTrace()} its stack trace down to the cell's code (kernel and reflection frames cut).
 */
public final class ExecutionError extends RuntimeException {
    public ExecutionError(Throwable real) {
        super(real.getClass().getName() + (real.getMessage() == null ? "" : ": " + real.getMessage()), real,
                false, false);
    }

    /** The real exception's trace, "Caused by" chain included, each stack cut at the cell boundary. */
    public List<String> userTrace() {
        List<String> lines = new ArrayList<>();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Throwable t = getCause();
        String prefix = "";
        while (t != null && seen.add(t)) {
            lines.add(prefix + t);
            for (StackTraceElement frame : t.getStackTrace()) {
                if (isBoundary(frame)) {
                    break;
                }
                lines.add("\tat " + describe(frame));
            }
            prefix = "Caused by: ";
            t = t.getCause();
        }
        return lines;
    }

    /** The first frame that is not the cell's: the reflective call into the cell, or the kernel's executor. */
    private static boolean isBoundary(StackTraceElement frame) {
        String c = frame.getClassName();
        return c.startsWith("jdk.internal.reflect.") || c.equals("java.lang.reflect.Method")
                || c.startsWith("org.newslens.kernel.CellEvaluator") || c.startsWith("java.util.concurrent.")
                || c.startsWith("org.newslens.kernel.NewsLensKernel");
    }

    /** jshell wraps each snippet in a class REPL.$JShell$N: name it as a cell snippet. */
    private static String describe(StackTraceElement frame) {
        String c = frame.getClassName();
        if (c.startsWith("REPL.$JShell$")) {
            String rest = c.substring("REPL.".length());
            int dot = rest.indexOf('.');
            String snippet = dot < 0 ? rest : rest.substring(0, dot);
            String method = frame.getMethodName().equals("do_it$") ? "<cell>" : frame.getMethodName();
            return "cell snippet " + snippet.substring("$JShell$".length()).replaceAll("\\D.*", "")
                    + " " + method + (dot < 0 ? "" : " in " + rest.substring(dot + 1));
        }
        return frame.toString();
    }
}
