package org.newslens.stories;

import static org.apache.spark.sql.functions.array_intersect;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.when;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.newslens.TestSpark;

/**
 * {@link PairSimilarity} gives, on every pair, exactly what the stage's earlier formula of Spark's array functions
 * gave (array_intersect and sizes, the series rule as one column), on random sets that overlap, titles that do or do
 * not share shingles, template-only bodies, same and different sources, video channels.
 */
class PairSimilarityTest {
    private static final double THRESHOLD = 0.7;
    private static final StructType PAIRS = new StructType()
            .add("sa", DataTypes.createArrayType(DataTypes.IntegerType, false))
            .add("sb", DataTypes.createArrayType(DataTypes.IntegerType, false))
            .add("sa_title", DataTypes.createArrayType(DataTypes.IntegerType, false))
            .add("sb_title", DataTypes.createArrayType(DataTypes.IntegerType, false))
            .add("sa_source", DataTypes.LongType).add("sb_source", DataTypes.LongType)
            .add("sa_channel", DataTypes.BooleanType, false);

    @Test
    void givesWhatSparksArrayFunctionsGave() {
        Random random = new Random(7);
        List<Row> rows = new ArrayList<>();
        List<int[][]> sets = new ArrayList<>();
        List<Object[]> flags = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            int universe = 5 + random.nextInt(60); // small universes: sets overlap often, and titles with them
            int[] a = set(random, universe, 1 + random.nextInt(40));
            int[] b = random.nextInt(4) == 0 ? a.clone() : set(random, universe, 1 + random.nextInt(40));
            int[] ta = random.nextInt(5) == 0 ? new int[0] : random.nextInt(3) == 0 ? a.clone() : set(random, universe, 1 + random.nextInt(8));
            int[] tb = random.nextInt(5) == 0 ? new int[0] : random.nextInt(3) == 0 ? ta.clone() : set(random, universe, 1 + random.nextInt(8));
            Long sourceA = random.nextInt(6) == 0 ? null : (long) random.nextInt(3);
            Long sourceB = random.nextInt(6) == 0 ? null : (long) random.nextInt(3);
            boolean channel = random.nextInt(8) == 0;
            sets.add(new int[][] {a, b, ta, tb});
            flags.add(new Object[] {sourceA, sourceB, channel});
            rows.add(RowFactory.create(boxed(a), boxed(b), boxed(ta), boxed(tb), sourceA, sourceB, channel));
        }
        SparkSession spark = TestSpark.get();
        List<Row> expected = spark.createDataFrame(rows, PAIRS).select(sparkFormula()).collectAsList();
        for (int i = 0; i < rows.size(); i++) {
            int[][] s = sets.get(i);
            Object[] f = flags.get(i);
            boolean sameSource = f[0] != null && f[0].equals(f[1]);
            assertEquals(expected.get(i).getDouble(0), PairSimilarity.of(s[0], s[1], s[2], s[3], sameSource, (Boolean) f[2], THRESHOLD),
                    "pair " + i);
        }
    }

    @Test
    void unsortedInputIsSortedFirst() {
        assertArrayEquals(new int[] {-3, 1, 5}, PairSimilarity.sorted(new int[] {5, -3, 1, 5}));
        int[] sorted = {1, 2, 3};
        assertEquals(sorted, PairSimilarity.sorted(sorted)); // the same array, not a copy
        assertEquals(2, PairSimilarity.common(new int[] {1, 3, 5, 7}, new int[] {3, 4, 7}));
        assertEquals(1, PairSimilarity.common3(new int[] {1, 3, 5, 7}, new int[] {3, 4, 7}, new int[] {0, 7}));
    }

    /** The formula as StoriesStage wrote it with Spark's array functions before PairSimilarity. */
    private static Column sparkFormula() {
        Column inter = size(array_intersect(col("sa"), col("sb")));
        Column smaller = least(size(col("sa")), size(col("sb")));
        Column jaccard = inter.divide(size(col("sa")).plus(size(col("sb"))).minus(inter));
        Column containment = when(smaller.geq(StoriesStage.MIN_CONTAINED), inter.divide(smaller)).otherwise(lit(0.0));
        Column titleA = array_intersect(col("sa_title"), col("sa"));
        Column titleB = array_intersect(col("sb_title"), col("sb"));
        Column titled = size(titleA).gt(0).and(size(titleB).gt(0));
        Column newTitle = size(array_intersect(array_intersect(col("sa_title"), col("sb_title")), col("sa"))).equalTo(0);
        Column bodiesTemplate = size(col("sa")).equalTo(size(titleA)).and(size(col("sb")).equalTo(size(titleB)));
        Column shared = size(array_intersect(col("sa_title"), col("sb_title")));
        Column titleJaccard = shared.divide(size(col("sa_title")).plus(size(col("sb_title"))).minus(shared));
        Column sameSource = col("sa_source").equalTo(col("sb_source"));
        Column series = sameSource.and(col("sa_channel").or(titled.and(newTitle.or(bodiesTemplate.and(titleJaccard.lt(THRESHOLD))))));
        return when(series, lit(0.0)).otherwise(greatest(jaccard, containment));
    }

    private static int[] set(Random random, int universe, int n) {
        TreeSet<Integer> s = new TreeSet<>();
        while (s.size() < Math.min(n, universe)) {
            s.add(random.nextInt(universe) - universe / 3); // negative values too: shingles are signed hashes
        }
        return s.stream().mapToInt(Integer::intValue).toArray();
    }

    private static List<Integer> boxed(int[] v) {
        List<Integer> out = new ArrayList<>();
        for (int x : v) {
            out.add(x);
        }
        return out;
    }
}
