package org.newslens.text;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.Locale;

/**
 * The publisher of a source: the registrable domain of the feed's address (feeds.bbci.co.uk/news/rss.xml and
 * www.bbci.co.uk/... are both "bbci.co.uk"; rss.cnn.com is "cnn.com"), so the several feeds of one site share their
 * templates. The domain is the host's last two labels, or three where the second-to-last is a short second-level
 * label under a two-letter country code (co.uk, com.au, com.pl). A source that is not an address with a host is its
 * own publisher.
 */
public final class Publisher {
    private Publisher() {
    }

    public static String of(String source) {
        if (source == null) {
            return null;
        }
        String host = host(source);
        if (host == null) {
            return source;
        }
        String[] labels = host.split("\\.");
        if (labels.length <= 2) {
            return host;
        }
        int n = labels.length;
        boolean countrySecondLevel = labels[n - 1].length() == 2 && labels[n - 2].length() <= 3;
        int keep = countrySecondLevel ? 3 : 2;
        return String.join(".", Arrays.copyOfRange(labels, n - keep, n));
    }

    private static String host(String source) {
        if (!source.contains("://")) {
            return null;
        }
        try {
            String host = new URI(source.strip()).getHost();
            return host == null || host.isEmpty() ? null : host.toLowerCase(Locale.ROOT);
        } catch (URISyntaxException e) {
            return null; // not an address: the source names itself
        }
    }
}
