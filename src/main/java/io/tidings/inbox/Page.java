package io.tidings.inbox;

import java.util.List;

/** A page of a stream's history, oldest first; {@code more} when the range holds more than the page shows. */
public record Page(StreamHead head, List<StoredMessage> messages, boolean more) {
}
