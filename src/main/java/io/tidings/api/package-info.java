/** The HTTP side of Tidings: the backend push API, presence, groups, health and metrics endpoints. */
package io.tidings.api;
