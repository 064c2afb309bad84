package io.tidings.chat;

import static io.tidings.testing.ChatPatterns.matches;

import io.tidings.testing.ChatClient;
import io.tidings.testing.TestServer;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * With TIDINGS_CHAT_HISTORY=0 nothing is kept, so a room's message carries no inbox position: the seed's say
 * frame is answered exactly as workerman-chat answers it (ChatIT replays the seed's whole exchange on every
 * container, where messages are kept).
 */
class SeedFramesTest {
    @Test
    void withoutHistoryASayIsExactlyWorkermanChats() throws Exception {
        try (TestServer server = TestServer.start(Map.of("TIDINGS_CHAT_HISTORY", "0"));
                ChatClient client = ChatClient.inRoom(server.chatFor("seed1"), "222", "1")) {
            client.send("{\"type\":\"say\",\"to_client_id\":\"all\",\"to_client_name\":\"\",\"content\":\"66666\"}");
            matches("{\"type\":\"say\",\"from_client_id\":\"ID\",\"from_client_name\":\"222\",\"to_client_id\":\"all\","
                    + "\"content\":\"66666\",\"time\":\"TIME\"}", client.next());
        }
    }
}
