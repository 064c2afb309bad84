package io.tidings.inbox;

/**
 * Where a stream stands. A stream that never held a message stands at top 0 in the store's epoch, so even a
 * user with no messages has a position to resume from.
 *
 * @param epoch    changes only when the store lost the stream; positions of another epoch mean nothing here
 * @param top      the highest seq ever given in this stream (it outlives the messages)
 * @param first    the lowest seq still retained ({@code top + 1} when none is)
 * @param readUpTo the highest seq marked read (uid streams)
 * @param unread   retained messages above readUpTo
 */
public record StreamHead(StreamKey stream, String epoch, long top, long first, long readUpTo, long unread) {
    /** A stream that holds nothing yet. */
    public static StreamHead empty(StreamKey stream, String epoch) {
        return new StreamHead(stream, epoch, 0, 1, 0, 0);
    }
}
