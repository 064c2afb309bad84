/**
 * Delivery: the {@link io.tidings.push.DeliveryService} every message goes through, the
 * {@link io.tidings.push.Broker} seam it publishes to, message ids and {@link io.tidings.push.Target}s.
 */
package io.tidings.push;
