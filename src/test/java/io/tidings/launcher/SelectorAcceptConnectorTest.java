package io.tidings.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.jetty.io.ManagedSelector;
import org.junit.jupiter.api.Test;

/**
 * What {@link SelectorAcceptConnector} relies on in Jetty: of the tasks a selector hands its manager to run, the
 * only ones that are also selector updates are the registration of an accepted socket ({@code Accept}) and of a
 * client's outgoing one ({@code Connect}, which a server connector never makes). A Jetty that adds another would
 * have it run on the selector thread too: this fails first, so that someone looks.
 */
class SelectorAcceptConnectorTest {
    @Test
    void onlyJettysAcceptAndConnectAreRunnableSelectorUpdates() {
        Set<String> runnableUpdates = Arrays.stream(ManagedSelector.class.getDeclaredClasses())
                .filter(ManagedSelector.SelectorUpdate.class::isAssignableFrom)
                .filter(Runnable.class::isAssignableFrom)
                .map(Class::getSimpleName)
                .collect(Collectors.toSet());
        assertEquals(Set.of("Accept", "Connect"), runnableUpdates);
    }
}
