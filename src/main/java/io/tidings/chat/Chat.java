package io.tidings.chat;

import io.tidings.close.CloseReason;
import io.tidings.config.TidingsConfig;
import io.tidings.event.Dispatcher;
import io.tidings.event.EventTable;
import io.tidings.hub.GroupDirectory;
import io.tidings.hub.Groups;
import io.tidings.hub.HeartbeatSweeper;
import io.tidings.hub.RoomDirectory;
import io.tidings.hub.Rooms;
import io.tidings.inbox.Inbox;
import io.tidings.metrics.Metrics;
import io.tidings.push.DeliveryService;
import io.tidings.session.Sessions;
import jakarta.json.bind.Jsonb;

/**
 * The chat rooms of one running Tidings, built by its wiring when TIDINGS_CHAT is not off: the /chat sessions
 * (admitted, authenticated and limited like every session, registered in the {@link Rooms}' hub), their
 * protocol, the heartbeat sweeper that closes a silent one 4005, and the pinger.
 */
public final class Chat implements AutoCloseable {
    private final Rooms rooms;
    private final Sessions sessions;
    private final HeartbeatSweeper sweeper;
    private final ChatPinger pinger;

    private Chat(Rooms rooms, Sessions sessions, HeartbeatSweeper sweeper, ChatPinger pinger) {
        this.rooms = rooms;
        this.sessions = sessions;
        this.sweeper = sweeper;
        this.pinger = pinger;
    }

    /**
     * @param groups        a single node's groups (the seating of a single node uses them under a room's lock)
     * @param directory     group membership on every node: {@code groups} on a single node, Redis in a cluster
     * @param seats         the seats of every node in a cluster; null on a single node
     * @param eventSessions the event sessions, whose admission, authentication and limits chat sessions share
     * @param inbox         where room history is kept; null when TIDINGS_INBOX=off
     */
    public static Chat start(TidingsConfig config, Rooms rooms, Groups groups, GroupDirectory directory,
            RoomDirectory seats, DeliveryService delivery, Inbox inbox, Sessions eventSessions, Jsonb jsonb,
            Metrics metrics) {
        // A login's history takes at most half a session's outbound queue, as a replay does on /ws.
        Seating seating = new Seating(rooms, directory, seats, delivery, inbox, config.chat(),
                config.apiLimits(), jsonb, config.sendQueueBytes() / 2);
        Dispatcher dispatcher = Dispatcher.keyedBy("type",
                EventTable.scan(new ChatEvents(seating, delivery)), jsonb, metrics,
                config.limits().maxJsonDepth());
        Sessions sessions = eventSessions.speaking(new ChatProtocol(dispatcher, seating), rooms.sessions());
        HeartbeatSweeper sweeper = new HeartbeatSweeper(rooms.sessions(), config.heartbeatIdle(),
                config.heartbeatInterval(), System::nanoTime);
        sweeper.start();
        ChatPinger pinger = config.chat().ping().isZero() ? null : new ChatPinger(rooms.sessions(), config.chat().ping());
        return new Chat(rooms, sessions, sweeper, pinger);
    }

    /** What a transport runs /chat sessions with. */
    public Sessions sessions() {
        return sessions;
    }

    public Rooms rooms() {
        return rooms;
    }

    /** Stops pinging and sweeping, and closes every chat session with 1001 (each leaves its room). */
    @Override
    public void close() {
        sweeper.close();
        if (pinger != null) {
            pinger.close();
        }
        rooms.sessions().closeAll(CloseReason.GOING_AWAY);
    }
}
