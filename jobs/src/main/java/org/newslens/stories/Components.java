package org.newslens.stories;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;

/**
 * Connected components of (a, b) pairs of article numbers by union-find, on the driver: the verified pairs of
 * near-duplicates are few (one per copy and its neighbours, not one per article), and a component's name, its
 * smallest number, does not depend on the order of the pairs.
 */
final class Components {
    private Components() {
    }

    /** article number -> the smallest number of its component, for every number in a pair. */
    static Map<Long, Long> of(List<Row> pairs) {
        Map<Long, Long> parent = new HashMap<>();
        for (Row p : pairs) {
            union(parent, p.getLong(0), p.getLong(1));
        }
        Map<Long, Long> component = new TreeMap<>();
        for (Long id : parent.keySet()) {
            component.put(id, find(parent, id));
        }
        return component;
    }

    private static Long find(Map<Long, Long> parent, Long id) {
        Long root = id;
        while (!parent.get(root).equals(root)) {
            root = parent.get(root);
        }
        // path compression: later finds on this chain take one step
        Long node = id;
        while (!node.equals(root)) {
            Long next = parent.get(node);
            parent.put(node, root);
            node = next;
        }
        return root;
    }

    private static void union(Map<Long, Long> parent, long a, long b) {
        parent.putIfAbsent(a, a);
        parent.putIfAbsent(b, b);
        Long ra = find(parent, a);
        Long rb = find(parent, b);
        if (!ra.equals(rb)) {
            // the smaller number becomes the root, so the root is the component's smallest whatever the order
            if (ra.compareTo(rb) < 0) {
                parent.put(rb, ra);
            } else {
                parent.put(ra, rb);
            }
        }
    }
}
