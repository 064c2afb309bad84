package io.tidings.bench;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** The figures of one run, in order: printed as a table for people and as one JSON line for tools. */
final class Report {
    private final Map<String, Object> values = new LinkedHashMap<>();

    Report put(String key, Object value) {
        values.put(key, value);
        return this;
    }

    Object get(String key) {
        return values.get(key);
    }

    void print(PrintStream out) {
        int width = values.keySet().stream().mapToInt(String::length).max().orElse(10);
        out.println();
        for (Map.Entry<String, Object> entry : values.entrySet()) {
            out.printf(Locale.ROOT, "  %-" + width + "s  %s%n", entry.getKey(), text(entry.getValue()));
        }
        out.println();
        out.println(json());
    }

    String json() {
        StringBuilder json = new StringBuilder("{");
        for (Map.Entry<String, Object> entry : values.entrySet()) {
            if (json.length() > 1) {
                json.append(',');
            }
            json.append(quote(entry.getKey())).append(':').append(jsonValue(entry.getValue()));
        }
        return json.append('}').toString();
    }

    private static String text(Object value) {
        if (value instanceof Double number) {
            return String.format(Locale.ROOT, "%.2f", number);
        }
        return String.valueOf(value);
    }

    private static String jsonValue(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof Double number) {
            return number.isNaN() || number.isInfinite() ? "null" : String.format(Locale.ROOT, "%.3f", number);
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        if (value instanceof java.util.Collection<?> list) {
            StringBuilder json = new StringBuilder("[");
            list.forEach(item -> json.append(json.length() > 1 ? "," : "").append(jsonValue(item)));
            return json.append(']').toString();
        }
        if (value instanceof Map<?, ?> map) {
            StringBuilder json = new StringBuilder("{");
            map.forEach((key, item) -> json.append(json.length() > 1 ? "," : "").append(quote(key.toString()))
                    .append(':').append(jsonValue(item)));
            return json.append('}').toString();
        }
        return quote(value.toString());
    }

    private static String quote(String text) {
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        quoted.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        quoted.append(c);
                    }
                }
            }
        }
        return quoted.append('"').toString();
    }
}
