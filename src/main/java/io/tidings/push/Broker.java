package io.tidings.push;

import java.util.concurrent.CompletableFuture;

/**
 * The one interface every delivery goes through: {@link LocalBroker} on a single node; a cluster broker puts its
 * own behind the same contract. Contract:
 * <ul>
 * <li>{@code publish} never blocks its caller (a network thread may call it) and never blocks on a slow client.</li>
 * <li>A message that asks to be stored is stored before any session sees it ("seen by a client" implies
 *     "stored"): once in the stream of each uid of a uid or uids target, once in the group's stream for a group,
 *     once in the broadcast stream for everyone. If it cannot be stored, the future fails with
 *     {@link io.tidings.inbox.InboxUnavailable} and nothing is delivered.</li>
 * <li>Live sessions receive each stream's messages in seq order; the future completes once the message has been
 *     handed to every live session of its target, with how many took it.</li>
 * <li>A message with {@link Message#reach} set is answered with {@link Published#reached}: the uids a live session
 *     received it in, <em>wherever that session is connected</em>. Mobile push makes a phone's job for every other
 *     uid of the message, so a cluster broker must answer for every node (this is where "no live session,
 *     cluster-wide" plugs in; {@code JobMakerTest} shows the jobs following the answer).</li>
 * </ul>
 */
public interface Broker {
    CompletableFuture<Published> publish(Message message);
}
