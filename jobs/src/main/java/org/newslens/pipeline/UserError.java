package org.newslens.pipeline;

/** An error the user caused and can fix: printed as one line, exit code 2, no stack trace. */
public class UserError extends RuntimeException {
    public UserError(String message) {
        super(message);
    }

    public UserError(String message, Throwable cause) {
        super(message, cause);
    }
}
