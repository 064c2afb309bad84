/**
 * The backend's HTTP way in, and the only package besides {@code war} that knows Servlets: the bearer-key API
 * under /api (push, batch push, presence, kick, groups), /healthz, /readyz and /metrics, all mapped by
 * {@link io.tidings.api.ApiRoutes}. {@link io.tidings.api.PushEndpoint} is POST /api/push whichever way it comes:
 * through its servlet, or from the embedded server's selector fast path, which reads the request itself and
 * writes the same {@link io.tidings.api.Answer}. Every push goes through the one
 * {@link io.tidings.push.DeliveryService}.
 */
package io.tidings.api;
