/**
 * The backend's ways in, and the only package besides {@code war} that knows Servlets: the bearer-key API under
 * /api (push, batch push, presence, kick, groups), /healthz, /readyz and /metrics, all mapped by
 * {@link io.tidings.api.ApiRoutes}; and seed 001's plain-TCP {@link io.tidings.api.TextPushPort}, which is no
 * servlet but is a backend API too. {@link io.tidings.api.PushCall} is POST /api/push without a servlet, for a
 * launcher that reads requests itself; it shares the servlet's checks and answers ({@link io.tidings.api.ApiAnswer}).
 * Every push goes through the one {@link io.tidings.push.DeliveryService}.
 */
package io.tidings.api;
