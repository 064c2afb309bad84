package io.tidings.testing;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;
import java.io.StringReader;
import java.util.Map;
import java.util.Optional;
import org.eclipse.parsson.api.JsonConfig;

/** The fuzz oracles' JSON reader: exactly one object, no duplicate keys, nothing after it. */
public final class StrictJson {
    private static final JsonParserFactory PARSERS = Json.createParserFactory(
            Map.of(JsonConfig.REJECT_DUPLICATE_KEYS, true));

    private StrictJson() {
    }

    public static Optional<JsonObject> object(String text) {
        try (JsonParser parser = PARSERS.createParser(new StringReader(text))) {
            if (!parser.hasNext() || parser.next() != JsonParser.Event.START_OBJECT) {
                return Optional.empty();
            }
            JsonObject object = parser.getObject();
            return parser.hasNext() ? Optional.empty() : Optional.of(object);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
