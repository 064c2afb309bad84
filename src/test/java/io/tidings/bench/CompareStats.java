package io.tidings.bench;

import java.util.List;
import java.util.Locale;

/** The arithmetic of a {@link CompareTable} cell: the median of a few runs and their range. */
final class CompareStats {
    private CompareStats() {
    }

    /** The median (the mean of the middle two for an even count), or null for no values. */
    static Double median(List<Double> values) {
        if (values.isEmpty()) {
            return null;
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /** "24.1", or "24.1 [23.9-24.5]" for several runs, or "-" for none. */
    static String cell(List<Double> values) {
        Double median = median(values);
        if (median == null) {
            return "-";
        }
        if (values.size() == 1) {
            return number(median);
        }
        double min = values.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        double max = values.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        return number(median) + " [" + number(min) + "-" + number(max) + "]";
    }

    /** Three significant figures or so: 0.123, 1.23, 12.3, 123, 1234. */
    static String number(double value) {
        double magnitude = Math.abs(value);
        String format = magnitude >= 100 || value == Math.rint(value) ? "%.0f" : magnitude >= 10 ? "%.1f"
                : magnitude >= 1 ? "%.2f" : "%.3f";
        return String.format(Locale.ROOT, format, value);
    }
}
