package org.newslens.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Properties;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * One run at a time per output directory. The lock file records host, pid and start time; a second
 * run is refused with a message naming the holder. A lock left by a process that is gone (same host,
 * pid not alive) is taken over with a warning, so a killed run never blocks the next one.
 */
public final class OutputLock implements AutoCloseable {
    public static final String FILE = "_newslens.lock";

    private final FileSystem fs;
    private final Path path;

    private OutputLock(FileSystem fs, Path path) {
        this.fs = fs;
        this.path = path;
    }

    public static OutputLock acquire(String outputDir, Configuration conf, java.io.PrintStream warnings) {
        Path path = new Path(outputDir, FILE);
        try {
            FileSystem fs = path.getFileSystem(conf);
            fs.mkdirs(path.getParent());
            for (int attempt = 0; attempt < 2; attempt++) {
                if (tryCreate(fs, path)) {
                    return new OutputLock(fs, path);
                }
                Properties holder = read(fs, path);
                String host = holder.getProperty("host", "?");
                String pid = holder.getProperty("pid", "?");
                String started = holder.getProperty("started", "?");
                if (host.equals(hostName()) && !alive(pid)) {
                    warnings.println("newslens: warning: taking over the lock of run pid " + pid + " started " + started
                            + " on " + host + " (that process is gone)");
                    fs.delete(path, false);
                    continue;
                }
                throw new UserError("output " + outputDir + " is in use by another run (host " + host + ", pid " + pid
                        + ", started " + started + "); wait for it, or delete " + path + " if that run is gone");
            }
            throw new UserError("cannot take the lock " + path);
        } catch (IOException e) {
            throw new UserError("cannot lock output " + outputDir + ": " + e.getMessage(), e);
        }
    }

    private static boolean tryCreate(FileSystem fs, Path path) throws IOException {
        try (OutputStream out = fs.create(path, false)) {
            String content = "host=" + hostName() + "\npid=" + ProcessHandle.current().pid() + "\nstarted=" + Instant.now() + "\n";
            out.write(content.getBytes(StandardCharsets.UTF_8));
            return true;
        } catch (org.apache.hadoop.fs.FileAlreadyExistsException e) {
            return false;
        } catch (IOException e) {
            if (fs.exists(path)) {
                return false;
            }
            throw e;
        }
    }

    private static Properties read(FileSystem fs, Path path) throws IOException {
        Properties p = new Properties();
        try (InputStream in = fs.open(path)) {
            p.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (java.io.FileNotFoundException e) {
            // released meanwhile: an empty holder is "gone"
        }
        return p;
    }

    private static boolean alive(String pid) {
        try {
            return ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown-host";
        }
    }

    @Override
    public void close() {
        try {
            fs.delete(path, false);
        } catch (IOException e) {
            // the next run takes over a lock whose process is gone
        }
    }
}
