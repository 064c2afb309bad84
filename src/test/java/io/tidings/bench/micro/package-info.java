/**
 * JMH microbenchmarks of the hot path: token verification, event decode and dispatch, frame encode and fan-out.
 * Run with {@code scripts/bench jmh [filter]}; never run by {@code mvn verify}.
 */
package io.tidings.bench.micro;
