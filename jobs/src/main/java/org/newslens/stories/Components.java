package org.newslens.stories;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;

/**
 * Connected components of (a, b) pairs by union-find, on the driver: the verified pairs of near-duplicates are
 * few (one per copy and its neighbours, not one per article), and a component's name, its smallest id, does not
 * depend on the order of the pairs.
 */
final class Components {
    private Components() {
    }

    /** article_id -> the smallest article_id of its component, for every id in a pair. */
    static Map<String, String> of(List<Row> pairs) {
        Map<String, String> parent = new HashMap<>();
        for (Row p : pairs) {
            union(parent, p.getString(0), p.getString(1));
        }
        Map<String, String> component = new TreeMap<>();
        for (String id : parent.keySet()) {
            component.put(id, find(parent, id));
        }
        return component;
    }

    private static String find(Map<String, String> parent, String id) {
        String root = id;
        while (!parent.get(root).equals(root)) {
            root = parent.get(root);
        }
        // path compression: later finds on this chain take one step
        String node = id;
        while (!node.equals(root)) {
            String next = parent.get(node);
            parent.put(node, root);
            node = next;
        }
        return root;
    }

    private static void union(Map<String, String> parent, String a, String b) {
        parent.putIfAbsent(a, a);
        parent.putIfAbsent(b, b);
        String ra = find(parent, a);
        String rb = find(parent, b);
        if (!ra.equals(rb)) {
            // the smaller id becomes the root, so the root is the component's smallest id whatever the order
            if (ra.compareTo(rb) < 0) {
                parent.put(rb, ra);
            } else {
                parent.put(ra, rb);
            }
        }
    }
}
