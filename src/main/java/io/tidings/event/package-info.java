/**
 * Inbound events: the {@link io.tidings.event.OnEvent} annotation, the {@link io.tidings.event.EventTable}
 * built once by reflection, the {@link io.tidings.event.Dispatcher} that validates a frame and calls its
 * handler, and the built-in ping and alertTip events.
 */
package io.tidings.event;
