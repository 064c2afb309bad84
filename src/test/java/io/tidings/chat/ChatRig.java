package io.tidings.chat;

import io.tidings.config.ConfigLoader;
import io.tidings.config.SessionPolicy;
import io.tidings.config.TidingsConfig;
import io.tidings.event.Dispatcher;
import io.tidings.event.EventTable;
import io.tidings.hub.Groups;
import io.tidings.hub.Hub;
import io.tidings.hub.HubListener;
import io.tidings.hub.Rooms;
import io.tidings.inbox.MemoryInbox;
import io.tidings.metrics.Metrics;
import io.tidings.push.DeliveryService;
import io.tidings.push.IdempotencyWindow;
import io.tidings.push.LocalBroker;
import io.tidings.push.MessageIds;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.time.Clock;
import java.util.Map;

/** What the chat unit tests run on: one node's rooms, groups, memory inbox and delivery, all in the test's thread. */
final class ChatRig {
    static final String LOGIN = "{\"type\":\"login\",\"client_name\":\"n\",\"room_id\":\"r\"}";

    final Jsonb jsonb = JsonbBuilder.create();
    final TidingsConfig config = ConfigLoader.fromMap(Map.of("TIDINGS_KEY", "k".repeat(32), "TIDINGS_INBOX", "memory"))
            .load();
    final Rooms rooms = new Rooms(new Hub(SessionPolicy.ALL, 16, HubListener.NONE));
    final Groups groups = new Groups(100, 100, 1000);
    final MemoryInbox store = new MemoryInbox(config.inbox(), IdempotencyWindow.WINDOW, System::currentTimeMillis);
    final Metrics metrics = new Metrics(() -> 0);
    final DeliveryService delivery = new DeliveryService(new LocalBroker(new Hub(SessionPolicy.ALL, 16,
            HubListener.NONE), groups, rooms, store, Runnable::run), new MessageIds(), jsonb, Clock.systemUTC(),
            metrics, true);

    /** The chat protocol over this seating. */
    ChatProtocol protocol(Seating seating) {
        return new ChatProtocol(Dispatcher.keyedBy("type", EventTable.scan(new ChatEvents(seating, delivery)), jsonb,
                metrics, 8), seating);
    }
}
