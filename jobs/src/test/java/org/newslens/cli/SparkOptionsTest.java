package org.newslens.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;
import org.newslens.pipeline.UserError;

class SparkOptionsTest {
    private static final String TWO_LEVEL_MAP = "spark.sql.codegen.aggregate.map.twolevel.enabled";

    private static SparkOptions options(String master) {
        SparkOptions options = new SparkOptions();
        options.master = master;
        return options;
    }

    @Test
    void aggregationsGoStraightToTheRegularHashMapUnlessTheUserSaysOtherwise() {
        SparkOptions options = options("local[2]");
        SparkConf conf = options.sparkConf();
        assertEquals("false", conf.get(TWO_LEVEL_MAP));
        assertEquals("local[2]", conf.get("spark.master"));
        assertEquals("0.2", conf.get("spark.memory.storageFraction"));

        options.conf.put(TWO_LEVEL_MAP, "true");
        assertEquals("true", options.sparkConf().get(TWO_LEVEL_MAP));
    }

    @Test
    void localDefaultsAreForLocalModeOnly() {
        SparkConf conf = options("spark://cluster:7077").sparkConf();
        assertEquals("false", conf.get(TWO_LEVEL_MAP));
        assertEquals("none", conf.get("spark.memory.storageFraction", "none"));
    }

    @Test
    void aMasterSparkCannotUseIsAOneLineError() {
        UserError e = assertThrows(UserError.class, options("localhost:7077")::sparkConf);
        assertEquals("bad --master 'localhost:7077' (expected local[*], local[N], spark://HOST:PORT, k8s://URL or yarn)", e.getMessage());
    }
}
