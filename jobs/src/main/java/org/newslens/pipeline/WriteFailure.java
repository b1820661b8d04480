package org.newslens.pipeline;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hadoop.fs.ParentNotDirectoryException;

/**
 * A table write that failed because of where it writes (disk full, read-only, no permission, a file where a
 * directory should be) becomes one line naming the table and the cause, instead of Spark's "Job aborted due to
 * stage failure" over a page of stack trace. The table's completion marker was deleted before the write, so the
 * table does not look complete, and the caller's lock is released as the error unwinds.
 */
final class WriteFailure {
    private WriteFailure() {
    }

    /** Message fragment found in the cause chain -> what the user should do. */
    private static final Map<String, String> CAUSES = new LinkedHashMap<>();

    static {
        CAUSES.put("No space left on device", "free space or choose another --output, then run again");
        CAUSES.put("Disk quota exceeded", "free space or choose another --output, then run again");
        CAUSES.put("Read-only file system", "the output is mounted read-only: choose another --output");
        CAUSES.put("Permission denied", "make the output directory writable, or choose another --output");
        CAUSES.put("Not a directory", "a file stands where a directory is needed: move it away, then run again");
        CAUSES.put("is not a directory", "a file stands where a directory is needed: move it away, then run again");
        CAUSES.put("already exists as a file", "a file stands where a directory is needed: move it away, then run again");
    }

    /** Throws a one-line {@link UserError} when the cause of a failed write is the environment; else returns. */
    static void rethrowIfEnvironment(String table, String dir, Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String m = t.getMessage() == null ? "" : t.getMessage();
            if (t instanceof ParentNotDirectoryException) {
                throw new UserError("cannot write table " + table + " to " + dir + ": " + firstLine(m) + "; "
                        + CAUSES.get("is not a directory"), failure);
            }
            for (Map.Entry<String, String> c : CAUSES.entrySet()) {
                if (m.contains(c.getKey())) {
                    throw new UserError("cannot write table " + table + " to " + dir + ": " + c.getKey() + "; " + c.getValue(), failure);
                }
            }
        }
    }

    private static String firstLine(String m) {
        return m.lines().findFirst().orElse("");
    }
}
