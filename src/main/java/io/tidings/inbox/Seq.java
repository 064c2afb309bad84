package io.tidings.inbox;

import jakarta.json.JsonNumber;
import jakarta.json.JsonValue;

/** The one rule for a seq a client or backend gives (since, upTo, after, before): a whole number a browser reads exactly. */
public final class Seq {
    /** 2^53 - 1: the largest whole number a JavaScript number holds exactly. */
    public static final long MAX = (1L << 53) - 1;

    private Seq() {
    }

    /** Decimal digits for a number from 0 to {@link #MAX}, else null. */
    public static Long parse(String text) {
        if (text == null || !text.matches("\\d{1,16}")) {
            return null;
        }
        long value = Long.parseLong(text);
        return value <= MAX ? value : null;
    }

    /** A JSON whole number from 0 to {@link #MAX}, else null. */
    public static Long of(JsonValue value) {
        if (value instanceof JsonNumber number && number.isIntegral() && number.bigIntegerValue().signum() >= 0
                && number.bigIntegerValue().bitLength() <= 53) {
            return number.longValue();
        }
        return null;
    }
}
