package io.tidings.cluster;

import io.tidings.testing.ApiClient;

/** Reads one sample of a node's /metrics. */
final class ClusterMetrics {
    private ClusterMetrics() {
    }

    static double value(ApiClient api, String sample) throws Exception {
        for (String line : api.get("/metrics").body().split("\n")) {
            if (line.startsWith(sample + " ")) {
                return Double.parseDouble(line.substring(sample.length() + 1).trim());
            }
        }
        return 0;
    }
}
