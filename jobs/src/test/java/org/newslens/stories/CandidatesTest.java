package org.newslens.stories;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.newslens.TestSpark;
import org.newslens.tables.Tables;

/**
 * Articles are numbered in article_id order whatever the input's order and partitioning, and the candidates, made
 * from the numbers, keep the ids' order: pairs a < b, a bucket larger than {@link StoriesStage#MAX_BUCKET} a star
 * around its smallest member.
 */
class CandidatesTest {
    @Test
    void articlesAreNumberedInIdOrderWhateverTheInputsOrder() {
        SparkSession spark = TestSpark.get();
        // string order, not numeric: "a-10" < "a-9"
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            rows.add(RowFactory.create("a-" + i));
        }
        Collections.shuffle(rows, new Random(3));
        StructType schema = new StructType().add(Tables.ARTICLE_ID, DataTypes.StringType);
        TreeMap<String, Long> expected = new TreeMap<>();
        List<String> sorted = new ArrayList<>();
        rows.forEach(r -> sorted.add(r.getString(0)));
        Collections.sort(sorted);
        for (int i = 0; i < sorted.size(); i++) {
            expected.put(sorted.get(i), (long) i);
        }
        for (int partitions : new int[] {1, 3, 7}) {
            Dataset<Row> ids = spark.createDataFrame(rows, schema).repartition(partitions);
            TreeMap<String, Long> got = new TreeMap<>();
            for (Row r : StoriesStage.numbered(ids).collectAsList()) {
                got.put(r.getString(0), r.getLong(1));
            }
            assertEquals(expected, got, partitions + " partitions");
        }
    }

    @Test
    void aBucketLargerThanTheLimitIsAStarAroundItsSmallestMember() {
        SparkSession spark = TestSpark.get();
        int copies = StoriesStage.MAX_BUCKET + 5;
        List<Integer> set = new ArrayList<>();
        for (int s = 1; s <= 30; s++) {
            set.add(s * 7919);
        }
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < copies; i++) {
            rows.add(RowFactory.create(1000L + (i * 37) % copies, set.stream().mapToInt(Integer::intValue).toArray()));
        }
        StructType schema = new StructType().add(StoriesStage.NUM, DataTypes.LongType)
                .add("shingles", DataTypes.createArrayType(DataTypes.IntegerType, false));
        Set<List<Long>> pairs = new HashSet<>();
        for (Row r : new StoriesStage(StoryOptions.defaults(), 0).candidates(spark.createDataFrame(rows, schema).repartition(4)).collectAsList()) {
            pairs.add(List.of(r.getLong(0), r.getLong(1)));
        }
        Set<List<Long>> star = new HashSet<>();
        for (long b = 1001; b < 1000 + copies; b++) {
            star.add(List.of(1000L, b));
        }
        assertEquals(star, pairs);

        // at the limit, every pair, smaller number first
        List<Row> few = rows.subList(0, 5);
        Set<List<Long>> all = new HashSet<>();
        for (Row r : new StoriesStage(StoryOptions.defaults(), 0).candidates(spark.createDataFrame(few, schema)).collectAsList()) {
            all.add(List.of(r.getLong(0), r.getLong(1)));
        }
        List<Long> nums = new ArrayList<>();
        few.forEach(r -> nums.add(r.getLong(0)));
        Collections.sort(nums);
        Set<List<Long>> expected = new HashSet<>();
        for (int i = 0; i < nums.size(); i++) {
            for (int j = i + 1; j < nums.size(); j++) {
                expected.add(List.of(nums.get(i), nums.get(j)));
            }
        }
        assertEquals(expected, all);
    }
}
