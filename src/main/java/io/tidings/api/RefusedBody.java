package io.tidings.api;

import java.util.Locale;

/**
 * What becomes of the body of a request that is refused before its body is read: it is read and dropped before
 * the answer, within TIDINGS_API_MAX_BODY, because Jetty ends a connection whose request was not read to its end
 * and a keep-alive client's next request on it would find it closed. A client waiting for 100 Continue is not
 * asked for the body, and one over the limit is not read (its connection ends, as a 413's may).
 */
public final class RefusedBody {
    private RefusedBody() {
    }

    /** True when the body is to be read and dropped before the answer. */
    public static boolean isDrained(String expectHeader, long declaredLength, long limit) {
        boolean waitsForContinue = expectHeader != null
                && expectHeader.toLowerCase(Locale.ROOT).contains("100-continue");
        return !waitsForContinue && declaredLength != 0 && declaredLength <= limit;
    }
}
