package org.newslens.pipeline;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.newslens.ingest.InputFormat;

/**
 * The input files of a run: given paths (local or any Hadoop URI), directories listed recursively,
 * hidden files (. or _) skipped. Files of unknown type inside a directory are kept aside to become
 * rejects; a file named explicitly with an unknown type is a user error.
 */
public record InputFiles(List<Entry> readable, List<Entry> unsupported) {

    public record Entry(String path, long bytes) {
    }

    public long totalBytes() {
        return readable.stream().mapToLong(Entry::bytes).sum() + unsupported.stream().mapToLong(Entry::bytes).sum();
    }

    public int count() {
        return readable.size() + unsupported.size();
    }

    public static InputFiles list(List<String> inputs, Configuration conf) {
        List<Entry> readable = new ArrayList<>();
        List<Entry> unsupported = new ArrayList<>();
        for (String input : inputs) {
            Path path = new Path(input);
            try {
                FileSystem fs = path.getFileSystem(conf);
                if (!fs.exists(path)) {
                    throw new UserError("input not found: " + input);
                }
                FileStatus status = fs.getFileStatus(path);
                if (status.isFile()) {
                    if (InputFormat.of(path.getName()).isEmpty()) {
                        throw new UserError("unknown input format: " + input + " (supported: " + InputFormat.SUPPORTED + ")");
                    }
                    readable.add(new Entry(fs.makeQualified(path).toString(), status.getLen()));
                    continue;
                }
                walk(fs, status, readable, unsupported);
            } catch (IOException e) {
                throw new UserError("cannot list input " + input + ": " + e.getMessage(), e);
            }
        }
        readable.sort(Comparator.comparing(Entry::path));
        unsupported.sort(Comparator.comparing(Entry::path));
        if (readable.isEmpty() && unsupported.isEmpty()) {
            throw new UserError("no input files found in " + String.join(" ", inputs));
        }
        if (readable.isEmpty()) {
            throw new UserError("no readable input files in " + String.join(" ", inputs) + " (supported: "
                    + InputFormat.SUPPORTED + "; found e.g. " + unsupported.get(0).path() + ")");
        }
        return new InputFiles(List.copyOf(readable), List.copyOf(unsupported));
    }

    /**
     * Recursive listStatus rather than listFiles: on the local file system listFiles builds
     * LocatedFileStatus, which forks a process per file to read permissions (minutes for 18k files).
     */
    private static void walk(FileSystem fs, FileStatus dir, List<Entry> readable, List<Entry> unsupported)
            throws IOException {
        for (FileStatus f : fs.listStatus(dir.getPath())) {
            String name = f.getPath().getName();
            if (name.startsWith(".") || name.startsWith("_")) {
                continue;
            }
            if (f.isDirectory()) {
                walk(fs, f, readable, unsupported);
            } else {
                Entry e = new Entry(f.getPath().toString(), f.getLen());
                (InputFormat.of(name).isPresent() ? readable : unsupported).add(e);
            }
        }
    }
}
