package io.tidings.launcher;

import java.util.concurrent.Executor;
import org.eclipse.jetty.io.ManagedSelector;
import org.eclipse.jetty.io.SelectorManager;
import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Jetty's connector, except that an accepted socket's endpoint and connection are set up on the selector thread
 * that registers it, instead of in a task handed to a pool thread. Jetty hands it off because a connection's
 * set-up may be slow (a TLS engine); an HTTP/1.1 connection's is a few allocations, and in a reconnect storm the
 * hand-off (a pool thread woken per connection) cost more than the set-up itself.
 */
final class SelectorAcceptConnector extends ServerConnector {
    SelectorAcceptConnector(Server server, ConnectionFactory http) {
        super(server, http);
    }

    @Override
    protected SelectorManager newSelectorManager(Executor executor, Scheduler scheduler, int selectors) {
        return new ServerConnectorManager(executor, scheduler, selectors) {
            @Override
            protected void execute(Runnable task) {
                // On a server connector the only task that is also a selector update is the registration of an
                // accepted socket, which Jetty runs from that update, on the selector thread.
                if (task instanceof ManagedSelector.SelectorUpdate) {
                    task.run();
                } else {
                    super.execute(task);
                }
            }
        };
    }
}
