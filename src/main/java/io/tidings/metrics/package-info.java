/** Prometheus metrics of one Tidings instance: sessions, auth failures, events, deliveries, pushes. */
package io.tidings.metrics;
