package io.tidings.bench.micro;

import io.tidings.Tidings;
import io.tidings.testing.TestServer;
import java.util.Map;

/**
 * The real object graph from {@link Tidings#start} (the one wiring method, so benchmarks follow the server as it
 * changes), without a container: sessions are null connections registered in the hub.
 */
final class Wiring implements AutoCloseable {
    final Tidings tidings;

    Wiring(Map<String, String> settings) {
        tidings = Tidings.start(TestServer.config(settings));
    }

    /** Registers null connections for uids u0 .. u(count-1). */
    NullConnection[] register(int count) {
        NullConnection[] connections = new NullConnection[count];
        for (int i = 0; i < count; i++) {
            connections[i] = new NullConnection("s" + i, "u" + i);
            tidings.hub().register(connections[i]);
        }
        return connections;
    }

    @Override
    public void close() {
        tidings.close();
    }
}
