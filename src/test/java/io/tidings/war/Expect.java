package io.tidings.war;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tidings.close.CloseReason;
import io.tidings.testing.WsClient;

/** Assertions the suite shares: the exact close a session receives, as code and reason phrase. */
final class Expect {
    private Expect() {
    }

    static void closed(WsClient client, CloseReason expected) throws Exception {
        assertEquals(expected.code() + " " + expected.text(), WsClient.describe(client.awaitClose()));
    }

    /** Opens a session, sends one frame, and expects that frame to close it with the given reason. */
    static void frameCloses(java.net.URI session, String frame, CloseReason expected) throws Exception {
        try (WsClient client = WsClient.connect(session)) {
            client.send(frame);
            assertEquals(expected.code() + " " + expected.text(), WsClient.describe(client.awaitClose()),
                    "answer to " + abbreviate(frame));
        }
    }

    static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }
}
