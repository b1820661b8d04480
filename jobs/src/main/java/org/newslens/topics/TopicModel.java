package org.newslens.topics;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.clustering.LocalLDAModel;
import org.apache.spark.ml.feature.CountVectorizerModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.newslens.pipeline.TableStore;
import org.newslens.pipeline.UserError;

/**
 * A fitted topic model: the language it was fitted on, its vocabulary (a CountVectorizerModel), the LDA
 * model, the article_topics threshold, how the text was tokenised and the boilerplate lines the fit left out
 * (null when unknown: inference then leaves out only its own batch's). Saved as a directory: {@code vocabulary/},
 * {@code lda/}, {@code boilerplate/} (Parquet), {@code model.properties}, and the completion marker written last.
 */
public record TopicModel(String language, CountVectorizerModel vocabulary, LocalLDAModel lda, int k, double threshold,
                         boolean stem, List<String> extraStopWords, Dataset<Row> boilerplate, int topicIdOffset) {

    /** A model whose topic ids start at 0 (the only or first language of a run). */
    public TopicModel(String language, CountVectorizerModel vocabulary, LocalLDAModel lda, int k, double threshold,
                      boolean stem, List<String> extraStopWords, Dataset<Row> boilerplate) {
        this(language, vocabulary, lda, k, threshold, stem, extraStopWords, boilerplate, 0);
    }

    /** Where a run keeps the model of another language than its first: model/topics-&lt;language&gt;. */
    public static Path languagePath(String outputDir, String language) {
        return new Path(outputDir, DIR + "-" + language);
    }

    /** Where a run keeps its model, relative to the output directory. */
    public static final String DIR = "model/topics";
    private static final String BOILERPLATE = "boilerplate";

    public static Path defaultPath(String outputDir) {
        return new Path(outputDir, DIR);
    }

    /** Refuses an inference output that is the directory the model was fitted in (it would overwrite that run's tables). */
    public static void checkOutput(String modelDir, String output, Configuration conf) {
        try {
            Path model = new Path(modelDir);
            FileSystem fs = model.getFileSystem(conf);
            Path fitted = fs.exists(new Path(model, DIR)) ? fs.makeQualified(model)
                    : fs.makeQualified(model).getParent() == null ? null : fs.makeQualified(model).getParent().getParent();
            Path out = new Path(output).getFileSystem(conf).makeQualified(new Path(output));
            if (fitted != null && fitted.equals(out)) {
                throw new UserError("--output " + output + " is where the model was fitted; write inference to another directory");
            }
        } catch (IOException e) {
            throw new UserError("cannot check --model " + modelDir + ": " + e.getMessage(), e);
        }
    }

    public void save(Path dir, Configuration conf) {
        try {
            FileSystem fs = dir.getFileSystem(conf);
            Path marker = new Path(dir, TableStore.MARKER);
            fs.delete(marker, false);
            vocabulary.write().overwrite().save(new Path(dir, "vocabulary").toString());
            lda.write().overwrite().save(new Path(dir, "lda").toString());
            if (boilerplate != null) {
                boilerplate.write().mode(SaveMode.Overwrite).parquet(new Path(dir, BOILERPLATE).toString());
            }
            Properties p = new Properties();
            p.setProperty("language", language);
            p.setProperty("k", Integer.toString(k));
            p.setProperty("threshold", Double.toString(threshold));
            p.setProperty("stem", Boolean.toString(stem));
            p.setProperty("extra_stop_words", String.join("\n", extraStopWords));
            p.setProperty("vocabulary_size", Integer.toString(vocabulary.vocabulary().length));
            p.setProperty("topic_id_offset", Integer.toString(topicIdOffset));
            try (OutputStream out = fs.create(new Path(dir, "model.properties"), true)) {
                p.store(out, "NewsLens topic model");
            }
            try (OutputStream out = fs.create(marker, true)) {
                out.write(("{\"model\":\"topics\",\"written\":\"" + Instant.now() + "\"}\n").getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the topic model under " + dir, e);
        }
    }

    /** Loads a model saved by {@link #save}; {@code dir} may also be an output directory holding model/topics. */
    public static TopicModel load(String dir, Configuration conf) {
        try {
            Path path = new Path(dir);
            FileSystem fs = path.getFileSystem(conf);
            if (!fs.exists(new Path(path, "model.properties")) && fs.exists(new Path(path, DIR))) {
                path = new Path(path, DIR);
            }
            if (!fs.exists(new Path(path, TableStore.MARKER))) {
                throw new UserError(fs.exists(path)
                        ? "topic model in " + dir + " is incomplete (the run that wrote it was interrupted); run topics again"
                        : "no topic model in " + dir + "; run 'newslens topics' (or 'run') first; it saves the model under <output>/" + DIR);
            }
            Properties p = new Properties();
            try (InputStream in = fs.open(new Path(path, "model.properties"))) {
                p.load(in);
            }
            CountVectorizerModel cv = CountVectorizerModel.load(new Path(path, "vocabulary").toString());
            LocalLDAModel lda = LocalLDAModel.load(new Path(path, "lda").toString());
            String words = p.getProperty("extra_stop_words", "");
            List<String> stop = words.isEmpty() ? List.of() : new ArrayList<>(Arrays.asList(words.split("\n")));
            // a batch is often too small to show a feed's boilerplate: the fit's lines are left out too
            Path lines = new Path(path, BOILERPLATE);
            Dataset<Row> boilerplate = fs.exists(lines) ? SparkSession.active().read().parquet(lines.toString()) : null;
            return new TopicModel(p.getProperty("language"), cv, lda, Integer.parseInt(p.getProperty("k")),
                    Double.parseDouble(p.getProperty("threshold")), Boolean.parseBoolean(p.getProperty("stem")), stop, boilerplate,
                    Integer.parseInt(p.getProperty("topic_id_offset", "0")));
        } catch (IOException e) {
            throw new UserError("cannot read topic model " + dir + ": " + e.getMessage(), e);
        }
    }
}
