package io.tidings.session;

import java.util.function.Function;

/**
 * What a client asks for in its upgrade URL ({@code ?uid=&token=&since=&epoch=}): who it is, and, when it
 * resumes, the last position it has. Every transport reads it the same way, and keeps it only until the session
 * is opened (the token must not stay in memory).
 */
public record SessionRequest(String uid, String token, String since, String epoch) {
    /** Hides the token, so a request logged by mistake leaks nothing. */
    @Override
    public String toString() {
        return "SessionRequest[uid=" + uid + ", token=***, since=" + since + ", epoch=" + epoch + "]";
    }

    /** Reads the four parameters from a transport's query lookup (a missing one is null). */
    public static SessionRequest from(Function<String, String> query) {
        return new SessionRequest(query.apply("uid"), query.apply("token"), query.apply("since"),
                query.apply("epoch"));
    }
}
