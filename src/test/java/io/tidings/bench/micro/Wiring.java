package io.tidings.bench.micro;

import io.tidings.config.SessionPolicy;
import io.tidings.event.BuiltinEvents;
import io.tidings.event.Dispatcher;
import io.tidings.event.EventTable;
import io.tidings.hub.Groups;
import io.tidings.hub.Hub;
import io.tidings.hub.HubListener;
import io.tidings.metrics.Metrics;
import io.tidings.push.DeliveryService;
import io.tidings.push.LocalBroker;
import io.tidings.push.MessageIds;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.time.Clock;

/** The delivery and dispatch graph as Tidings.start wires it, minus the container, over null connections. */
final class Wiring {
    final Jsonb jsonb = JsonbBuilder.create();
    final Metrics metrics;
    final Hub hub;
    final DeliveryService delivery;
    final Dispatcher dispatcher;

    Wiring() {
        Hub[] self = new Hub[1];
        metrics = new Metrics(() -> self[0] == null ? 0 : self[0].size());
        hub = new Hub(SessionPolicy.NEWEST, HubListener.NONE);
        self[0] = hub;
        delivery = new DeliveryService(new LocalBroker(hub, new Groups()), new MessageIds(), jsonb,
                Clock.systemUTC(), metrics);
        dispatcher = new Dispatcher(EventTable.scan(new BuiltinEvents(delivery)), jsonb, metrics);
    }

    /** Registers null connections for uids u0 .. u(count-1). */
    NullConnection[] register(int count) {
        NullConnection[] connections = new NullConnection[count];
        for (int i = 0; i < count; i++) {
            connections[i] = new NullConnection("s" + i, "u" + i);
            hub.register(connections[i]);
        }
        return connections;
    }
}
