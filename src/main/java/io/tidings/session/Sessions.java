package io.tidings.session;

import io.tidings.auth.Authenticator;
import io.tidings.config.Limits;
import io.tidings.config.TidingsConfig;
import io.tidings.hub.Hub;
import io.tidings.hub.LiveSession;
import io.tidings.hub.Presence;
import io.tidings.inbox.CatchUp;
import io.tidings.limit.ConnectionLimiter;
import io.tidings.metrics.Metrics;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * What every WebSocket transport needs to run client sessions, built once by the wiring: the collaborators each
 * {@link ClientSession} works with, and the rules every transport applies alike (origins, the inbound size
 * limit, session ids, the outbound queue, the idle backstop, which extension may be negotiated). A session
 * holds one reference to this rather than a field per collaborator: tens of thousands of idle sessions each
 * pay for every field they hold.
 */
public final class Sessions {
    final Authenticator authenticator;
    final Hub hub;
    final ConnectionLimiter admission;
    final SessionProtocol protocol;
    final Metrics metrics;
    final Limits limits;
    final InboundLimit inbound;
    final BooleanSupplier closing;
    final CatchUp catchUp;
    final Presence presence;
    private final TidingsConfig config;
    private final OriginPolicy origins;
    private final ConnectionIds ids;
    private final ScheduledExecutorService closer;
    private final Executor pinger;

    /**
     * @param protocol what the sessions speak once open
     * @param catchUp welcomes each new session with its position (and replays what it missed), or null when
     *                there is no inbox
     * @param presence told of each session the hub registers: in a cluster, it applies the session policy
     *                 cluster-wide before the session is welcomed
     * @param closing true once shutdown began: new sessions are turned away with 1001
     * @param closer  runs close handshakes that may block (a Jakarta container's), off the callers' threads, and
     *                the deadlines of closing sessions
     * @param pinger  sends the heartbeat's pings where that may block (a Jakarta container's), off the sweeper
     */
    public Sessions(TidingsConfig config, Authenticator authenticator, Hub hub, ConnectionLimiter admission,
            SessionProtocol protocol, Metrics metrics, CatchUp catchUp, Presence presence, BooleanSupplier closing,
            ScheduledExecutorService closer, Executor pinger) {
        this.config = config;
        this.authenticator = authenticator;
        this.hub = hub;
        this.admission = admission;
        this.protocol = protocol;
        this.metrics = metrics;
        this.limits = config.limits();
        this.inbound = new InboundLimit(config.maxFrame());
        this.catchUp = catchUp;
        this.presence = presence;
        this.closing = closing;
        this.origins = new OriginPolicy(config.security().allowedOrigins());
        this.ids = new ConnectionIds();
        this.closer = closer;
        this.pinger = pinger;
    }

    private Sessions(Sessions shared, Hub hub, SessionProtocol protocol) {
        this.config = shared.config;
        this.authenticator = shared.authenticator;
        this.hub = hub;
        this.admission = shared.admission;
        this.protocol = protocol;
        this.metrics = shared.metrics;
        this.limits = shared.limits;
        this.inbound = shared.inbound;
        this.catchUp = null;
        this.presence = Presence.of(hub); // chat sessions: this node's own, outside the cluster's session policy
        this.closing = shared.closing;
        this.origins = shared.origins;
        this.ids = shared.ids;
        this.closer = shared.closer;
        this.pinger = shared.pinger;
    }

    /**
     * Sessions of another endpoint, speaking another protocol and registered in a hub of their own (a chat tab
     * never displaces a notification session of the same uid), but admitted, authenticated, limited, numbered
     * and closed exactly like these. They get no welcome: that belongs to the event protocol's inbox.
     */
    public Sessions speaking(SessionProtocol otherProtocol, Hub otherHub) {
        return new Sessions(this, otherHub, otherProtocol);
    }

    /** The lifecycle of the session this connection carries; {@link ClientSession#open} starts it. */
    public ClientSession client(QueuedConnection connection) {
        return new ClientSession(this, connection);
    }

    /**
     * Whether every session that opens here is sent a first frame of its own accord (its welcome), or a close: a
     * transport may then hold its handshake's answer back to send both at once.
     */
    public boolean welcomes() {
        return catchUp != null;
    }

    /** A new session's serial number, unique within the process ({@link ConnectionIds#format} shows it). */
    public long nextSerial() {
        return ids.next();
    }

    /** Whether a browser page from this Origin header may open a session (null: not a browser page). */
    public boolean allowsOrigin(String origin) {
        return origins.allows(origin);
    }

    /** TIDINGS_MAX_FRAME, for a transport that bounds its own buffers with it. */
    public int maxFrame() {
        return config.maxFrame();
    }

    /** TIDINGS_MAX_FRAME in UTF-8 bytes, as every transport counts a message. */
    public InboundLimit inboundLimit() {
        return inbound;
    }

    /** TIDINGS_SEND_QUEUE, the bound of every {@link QueuedConnection}. */
    public int sendQueueBytes() {
        return config.sendQueueBytes();
    }

    /** The transport's own idle timeout: only a backstop behind the heartbeat sweeper (4005). */
    public Duration idleBackstop() {
        return config.idleBackstop();
    }

    /** Whether an extension a client offers may be negotiated (permessage-deflate when compression is on). */
    public boolean negotiates(String extension) {
        return config.negotiates(extension);
    }

    /** What a {@link QueuedConnection} tells when this side starts closing it: the hub stops counting it. */
    public Consumer<LiveSession> onClosing() {
        return hub::unregister;
    }

    /** Runs close handshakes that may block, off the callers' threads, and the deadlines of closing sessions. */
    public ScheduledExecutorService closer() {
        return closer;
    }

    /** Sends pings that may block, off the heartbeat sweeper's thread. */
    public Executor pinger() {
        return pinger;
    }
}
