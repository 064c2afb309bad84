package io.tidings.chat;

import static io.tidings.testing.ChatPatterns.matches;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tidings.testing.ChatClient;
import io.tidings.testing.TestServer;
import java.util.Map;
import java.util.regex.Matcher;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Seed 000's own client frames, sent as the article sends them, answered byte for byte as workerman-chat's
 * Events.php answers them: the same fields in the same order, only client ids and times differ. With
 * TIDINGS_CHAT_HISTORY=0 nothing is kept, so no frame carries an inbox position either.
 */
class SeedFramesTest {
    static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(Map.of("TIDINGS_CHAT_HISTORY", "0"));
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    void theSeedsLoginSayAndLogoutFramesAreAnsweredAsWorkermanChatAnswersThem() throws Exception {
        try (ChatClient first = ChatClient.connect(server.chatFor("seed1"))) {
            first.send("{\"type\":\"login\",\"client_name\":\"222\",\"room_id\":\"1\"}");
            String firstId = matches("{\"type\":\"login\",\"client_id\":\"ID\",\"client_name\":\"222\",\"time\":\"TIME\","
                    + "\"client_list\":{\"ID\":\"222\"}}", first.next()).group(1);

            try (ChatClient second = ChatClient.connect(server.chatFor("seed2"))) {
                // workerman-chat's page sends room_id as a number
                second.send("{\"type\":\"login\",\"client_name\":\"333\",\"room_id\":1}");
                Matcher answer = matches("{\"type\":\"login\",\"client_id\":\"ID\",\"client_name\":\"333\","
                        + "\"time\":\"TIME\",\"client_list\":{\"ID\":\"222\",\"ID\":\"333\"}}", second.next());
                String secondId = answer.group(1);
                assertEquals(firstId, answer.group(2), "the one already there first, the newcomer last");
                assertEquals(secondId, answer.group(3));
                assertEquals(secondId, matches("{\"type\":\"login\",\"client_id\":\"ID\",\"client_name\":\"333\","
                        + "\"time\":\"TIME\"}", first.next()).group(1), "the room hears of the newcomer");

                first.send("{\"type\":\"say\",\"to_client_id\":\"all\",\"to_client_name\":\"\",\"content\":\"66666\"}");
                String said = "{\"type\":\"say\",\"from_client_id\":\"" + firstId + "\",\"from_client_name\":\"222\","
                        + "\"to_client_id\":\"all\",\"content\":\"66666\",\"time\":\"TIME\"}";
                matches(said, first.next());
                matches(said, second.next());

                second.send("{\"type\":\"pong\"}");
            }
            matches("{\"type\":\"logout\",\"from_client_id\":\"ID\",\"from_client_name\":\"333\",\"time\":\"TIME\"}",
                    first.next());
        }
    }
}
