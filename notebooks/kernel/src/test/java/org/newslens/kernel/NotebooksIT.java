package org.newslens.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

/**
 * Executes every notebook of notebooks/ headlessly against a real run, as CI does (`mvn verify`, Failsafe):
 * <ol>
 *   <li>runs the pipeline ({@code bin/newslens run}) into {@code target/notebooks-it/out} on the seed article plus,
 *       when the shared corpora are next to the repository ({@code ../shared}), Wikinews 2019;</li>
 *   <li>installs the kernelspec ({@code install-kernel.sh}; the module's jar and classpath are packaged by now);</li>
 *   <li>runs {@code jupyter nbconvert --to notebook --execute} on each notebook into {@code target/executed-notebooks}
 *       with {@code NEWSLENS_OUT} pointing at that run;</li>
 *   <li>fails when nbconvert fails, when any cell has an error output, or when a notebook draws no chart
 *       ({@code image/png}).</li>
 * </ol>
 * Needs the {@code jupyter} command: {@code notebooks/install-deps.sh} installs it (CI runs it first); without
 * it the test fails rather than skipping.
 *
 * <p>System properties: {@code newslens.it.parallel} (notebooks executed at once, default 2),
 * {@code newslens.it.runArgs} (extra arguments for {@code bin/newslens run}, default {@code --topics 8 --topic-iterations 50}),
 * {@code newslens.it.out} (use this existing run output instead of running the pipeline),
 * {@code newslens.it.javaToolOptions} (JVM options for the pipeline and the kernels through JAVA_TOOL_OPTIONS, default
 * {@code -XX:TieredStopAtLevel=1 -XX:+UseSerialGC}: short-lived JVMs on small data; on a shared 2-core machine this
 * halved the CPU time of a notebook run; empty: none).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NotebooksIT {
    private static final String DEFAULT_DATE = "2024-11-18";
    private static final long PIPELINE_TIMEOUT_MIN = 20;
    private static final long NOTEBOOK_TIMEOUT_MIN = 15;
    private static final ObjectMapper JSON = new ObjectMapper();

    private Path module;
    private Path repo;
    private Path work;
    private Path executed;
    private Path out;
    private Map<String, String> jupyterEnv;
    private Map<String, String> jvmEnv;
    private ExecutorService pool;
    private final List<String> timings = new ArrayList<>();

    @BeforeAll
    void runPipelineAndInstallKernel() throws Exception {
        module = Path.of(System.getProperty("newslens.kernel.dir", System.getProperty("user.dir"))).toAbsolutePath().normalize();
        repo = module.resolve("../..").normalize();
        assertTrue(Files.isRegularFile(repo.resolve("bin/newslens")), "not the repository root: " + repo);
        work = module.resolve("target/notebooks-it");
        executed = module.resolve("target/executed-notebooks");
        deleteRecursively(executed);
        Files.createDirectories(executed);
        Files.createDirectories(work);

        // Jupyter first: no point running the pipeline without it.
        Exec version = exec(List.of("jupyter", "nbconvert", "--version"), repo, Map.of(), work.resolve("jupyter-version.log"), 2);
        if (version.exit != 0) {
            fail("Jupyter (nbconvert) is not installed or does not work: run notebooks/install-deps.sh "
                    + "(Debian: apt-get install -y jupyter-notebook jupyter-nbconvert python3-ipykernel)\n" + version.tail());
        }

        String jvmOptions = System.getProperty("newslens.it.javaToolOptions", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC").trim();
        String inherited = System.getenv().getOrDefault("JAVA_TOOL_OPTIONS", "").trim();
        jvmEnv = jvmOptions.isEmpty() ? Map.of() : Map.of("JAVA_TOOL_OPTIONS", (inherited + " " + jvmOptions).trim());

        String given = System.getProperty("newslens.it.out", "");
        if (!given.isBlank()) {
            out = Path.of(given).toAbsolutePath();
            System.out.println("NotebooksIT: using the existing run output " + out);
        } else {
            out = work.resolve("out");
            deleteRecursively(out);
            List<String> cmd = new ArrayList<>(List.of("bin/newslens", "run", "--input", repo.resolve("seeds").toString()));
            Path wikinews = repo.resolve("../shared/corpora/wikinews/wikinews_2019.csv").normalize();
            if (Files.isRegularFile(wikinews)) {
                cmd.add(wikinews.toString());
            } else {
                System.out.println("NotebooksIT: " + wikinews + " not found: skipping the Wikinews part, the corpus is the seed article only");
            }
            cmd.addAll(List.of("--output", out.toString(), "--default-date", DEFAULT_DATE));
            String extra = System.getProperty("newslens.it.runArgs", "--topics 8 --topic-iterations 50").trim();
            if (!extra.isEmpty()) {
                cmd.addAll(List.of(extra.split("\\s+")));
            }
            long t0 = System.nanoTime();
            Exec run = exec(cmd, repo, jvmEnv, work.resolve("pipeline.log"), PIPELINE_TIMEOUT_MIN);
            if (run.exit != 0) {
                fail("bin/newslens run failed (exit " + run.exit + "), log " + run.log + ":\n" + run.tail());
            }
            timings.add(String.format("pipeline %.1f s", seconds(t0)));
        }

        Exec install = exec(List.of(module.resolve("install-kernel.sh").toString()), module, Map.of(), work.resolve("install-kernel.log"), 2);
        if (install.exit != 0) {
            fail("install-kernel.sh failed:\n" + install.tail());
        }
        jupyterEnv = new java.util.HashMap<>(jvmEnv);
        jupyterEnv.put("JUPYTER_PATH", module.resolve("target/jupyter").toString());
        jupyterEnv.put("NEWSLENS_OUT", out.toString());
        jupyterEnv.put("SPARK_LOCAL_IP", "127.0.0.1");
        pool = Executors.newFixedThreadPool(Math.max(1, Integer.getInteger("newslens.it.parallel", 2)));
    }

    @AfterAll
    void shutDown() {
        if (pool != null) {
            pool.shutdownNow();
        }
        System.out.println("NotebooksIT timings: " + String.join(", ", timings)
                + String.format(" (load average %.1f)", java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
    }

    @TestFactory
    Stream<DynamicTest> everyNotebookExecutesWithoutErrorsAndDrawsCharts() throws IOException {
        List<Path> notebooks;
        try (Stream<Path> s = Files.list(repo.resolve("notebooks"))) {
            notebooks = s.filter(p -> p.getFileName().toString().endsWith(".ipynb")).sorted().toList();
        }
        assertTrue(notebooks.size() >= 5, "expected the five notebooks in notebooks/, found " + notebooks);
        // start them all (at most newslens.it.parallel at once), then check each as its own test
        List<Future<Exec>> runs = new ArrayList<>();
        for (Path nb : notebooks) {
            runs.add(pool.submit(() -> execute(nb)));
        }
        List<DynamicTest> tests = new ArrayList<>();
        for (int i = 0; i < notebooks.size(); i++) {
            Path nb = notebooks.get(i);
            Future<Exec> run = runs.get(i);
            tests.add(DynamicTest.dynamicTest(nb.getFileName().toString(), () -> check(nb, run.get())));
        }
        return tests.stream();
    }

    private Exec execute(Path notebook) throws Exception {
        String name = notebook.getFileName().toString();
        long t0 = System.nanoTime();
        Exec r = exec(List.of("jupyter", "nbconvert", "--to", "notebook", "--execute",
                        "--ExecutePreprocessor.timeout=600", "--ExecutePreprocessor.kernel_name=newslens-java",
                        "--output-dir", executed.toString(), notebook.toString()),
                repo.resolve("notebooks"), jupyterEnv, executed.resolve(name.replace(".ipynb", ".log")), NOTEBOOK_TIMEOUT_MIN);
        synchronized (timings) {
            timings.add(String.format("%s %.1f s", name, seconds(t0)));
        }
        return r;
    }

    private void check(Path notebook, Exec run) throws IOException {
        String name = notebook.getFileName().toString();
        if (run.exit != 0) {
            fail(name + ": nbconvert failed (exit " + run.exit + "), log " + run.log + ":\n" + run.tail());
        }
        Path result = executed.resolve(name);
        assertTrue(Files.isRegularFile(result), name + ": no executed notebook at " + result);
        JsonNode nb = JSON.readTree(result.toFile());
        List<String> errors = new ArrayList<>();
        int pngs = 0;
        int codeCells = 0;
        int cellNo = 0;
        for (JsonNode cell : nb.path("cells")) {
            cellNo++;
            if (!"code".equals(cell.path("cell_type").asText())) {
                continue;
            }
            codeCells++;
            for (JsonNode o : cell.path("outputs")) {
                String type = o.path("output_type").asText();
                if ("error".equals(type)) {
                    errors.add("cell " + cellNo + ": " + o.path("ename").asText() + ": " + o.path("evalue").asText());
                }
                if (o.path("data").has("image/png")) {
                    pngs++;
                }
            }
            if (!cell.path("outputs").isEmpty() && cell.path("execution_count").isNull()) {
                errors.add("cell " + cellNo + " has outputs but was not executed");
            }
        }
        assertTrue(codeCells > 0, name + ": no code cells");
        assertEquals(List.of(), errors, name + ": cells with errors (executed notebook " + result + ")");
        assertTrue(pngs > 0, name + ": draws no chart (no image/png output); executed notebook " + result);
        System.out.println("NotebooksIT: " + name + ": " + codeCells + " code cells, " + pngs + " image/png outputs, no errors");
    }

    // ---- processes

    private record Exec(int exit, Path log) {
        String tail() {
            try {
                List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
                return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
            } catch (IOException e) {
                return "(no log: " + e + ")";
            }
        }
    }

    /** Runs a command with stdout and stderr into a log file; exit 127 when the command does not exist. */
    private static Exec exec(List<String> cmd, Path dir, Map<String, String> env, Path log, long timeoutMinutes) throws InterruptedException, IOException {
        Files.createDirectories(log.getParent());
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(env);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            Files.writeString(log, "cannot start " + cmd.get(0) + ": " + e.getMessage() + "\n");
            return new Exec(127, log);
        }
        if (!p.waitFor(timeoutMinutes, TimeUnit.MINUTES)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            Files.writeString(log, "\n(timed out after " + timeoutMinutes + " min: " + String.join(" ", cmd) + ")\n",
                    java.nio.file.StandardOpenOption.APPEND);
            return new Exec(124, log);
        }
        return new Exec(p.exitValue(), log);
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        }
    }
}
