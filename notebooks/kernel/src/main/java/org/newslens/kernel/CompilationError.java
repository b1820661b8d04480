package org.newslens.kernel;

/** A cell that javac rejected; the message holds javac's diagnostics with the offending cell lines. */
public final class CompilationError extends RuntimeException {
    public CompilationError(String diagnostics) {
        super(diagnostics, null, false, false);
    }
}
