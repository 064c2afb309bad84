package io.tidings.json;

import jakarta.json.Json;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonLocation;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;
import jakarta.json.stream.JsonParsingException;
import java.io.StringReader;
import java.util.Map;
import org.eclipse.parsson.api.JsonConfig;

/**
 * The one way Tidings reads JSON that comes from outside (client frames, API bodies, text push lines): exactly
 * one value with nothing but white space after it, nesting bounded, duplicate keys refused, so that
 * {"event":"ping","event":"alertTip"} cannot mean one thing to one reader and another to the next, and every
 * string whole Unicode. A JSON escape can spell half a surrogate pair ("\ud83d"), which no UTF-8 text can carry
 * on: a recipient would get '?' in its place.
 */
public final class JsonInput {
    /** Backend input (API bodies, text push lines) may nest deeper than client frames, but not without bound. */
    public static final int BACKEND_MAX_DEPTH = 64;

    /** Why a text is not one acceptable JSON value; the message is for logs, callers answer in their own words. */
    public static final class Invalid extends Exception {
        private static final long serialVersionUID = 1L;

        /** What is wrong. */
        public enum Kind { EMPTY, SYNTAX, ENDS_EARLY, TOO_DEEP_OR_DUPLICATE_KEY, TRAILING, LONE_SURROGATE }

        private final Kind kind;
        private final long line;
        private final long column;

        Invalid(Kind kind, long line, long column) {
            super(kind.name(), null, false, false);
            this.kind = kind;
            this.line = line;
            this.column = column;
        }

        public Kind kind() {
            return kind;
        }

        /** Where a syntax error is (1-based), or -1. */
        public long line() {
            return line;
        }

        public long column() {
            return column;
        }
    }

    private final int maxDepth;
    private final JsonParserFactory parsers;

    public JsonInput(int maxDepth) {
        this.maxDepth = maxDepth;
        this.parsers = Json.createParserFactory(Map.of(JsonConfig.MAX_DEPTH, maxDepth,
                JsonConfig.REJECT_DUPLICATE_KEYS, true));
    }

    public int maxDepth() {
        return maxDepth;
    }

    /** Exactly one JSON value (a reader alone would accept trailing text). */
    public JsonValue parse(String text) throws Invalid {
        if (text.isBlank()) {
            throw new Invalid(Invalid.Kind.EMPTY, -1, -1);
        }
        try (JsonParser parser = parsers.createParser(new StringReader(text))) {
            parser.next();
            JsonValue value = parser.getValue();
            if (parser.hasNext()) {
                throw new Invalid(Invalid.Kind.TRAILING, -1, -1);
            }
            // Only an escape can make half a surrogate pair: text without a backslash needs no walk.
            if (text.indexOf('\\') >= 0 && !wellFormed(value)) {
                throw new Invalid(Invalid.Kind.LONE_SURROGATE, -1, -1);
            }
            return value;
        } catch (JsonParsingException e) {
            JsonLocation at = e.getLocation();
            if (at != null && at.getStreamOffset() >= text.length()) {
                throw new Invalid(Invalid.Kind.ENDS_EARLY, -1, -1);
            }
            throw new Invalid(Invalid.Kind.SYNTAX, at == null ? -1 : at.getLineNumber(),
                    at == null ? -1 : at.getColumnNumber());
        } catch (RuntimeException e) {
            // Parsson reports duplicate keys and too-deep nesting with plain runtime exceptions.
            throw new Invalid(Invalid.Kind.TOO_DEEP_OR_DUPLICATE_KEY, -1, -1);
        }
    }

    /** Every string, and every key, in the value is whole Unicode. */
    private static boolean wellFormed(JsonValue value) {
        return switch (value.getValueType()) {
            case STRING -> wellFormed(((JsonString) value).getString());
            case ARRAY -> value.asJsonArray().stream().allMatch(JsonInput::wellFormed);
            case OBJECT -> value.asJsonObject().entrySet().stream()
                    .allMatch(entry -> wellFormed(entry.getKey()) && wellFormed(entry.getValue()));
            default -> true;
        };
    }

    private static boolean wellFormed(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }
}
