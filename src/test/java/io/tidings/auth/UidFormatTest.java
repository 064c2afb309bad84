package io.tidings.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import jakarta.json.Json;
import jakarta.json.JsonValue;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

/** The one rule for a uid given in JSON: a valid string, or a whole number written as digits. */
class UidFormatTest {
    static String fromJson(String json) {
        JsonValue value = Json.createReader(new StringReader(json)).readValue();
        return UidFormat.fromJson(value);
    }

    @Test
    void stringsAndWholeNumbersAreUids() {
        assertEquals("abc", fromJson("\"abc\""));
        assertEquals("7", fromJson("7"));
        assertEquals("7", fromJson("\"7\""));
        assertEquals("12345678901234567890123", fromJson("12345678901234567890123"));
    }

    @Test
    void everythingElseIsNone() {
        assertNull(fromJson("1.5"));
        assertNull(fromJson("1e3"));
        assertNull(fromJson("\"a b\""));
        assertNull(fromJson("\"\""));
        assertNull(fromJson("true"));
        assertNull(fromJson("null"));
        assertNull(fromJson("[1]"));
        assertNull(fromJson("{\"uid\":1}"));
        assertNull(fromJson("1" + "0".repeat(64)));
        assertNull(UidFormat.fromJson(null));
    }
}
