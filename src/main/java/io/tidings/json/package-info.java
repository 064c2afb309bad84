/**
 * Reading JSON from outside: {@link io.tidings.json.JsonInput}, the one set of rules (one value, bounded depth, no
 * duplicate keys) that client frames, API bodies and text push lines are all read with.
 */
package io.tidings.json;
