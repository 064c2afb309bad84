package io.tidings.chat;

import io.tidings.close.CloseException;
import io.tidings.event.Dispatcher;
import io.tidings.hub.LiveSession;
import io.tidings.session.SessionProtocol;

/** What a /chat session speaks: frames dispatched by "type" to {@link ChatEvents}, and a logout when it closes. */
final class ChatProtocol implements SessionProtocol {
    private final Dispatcher dispatcher;
    private final Seating seating;

    ChatProtocol(Dispatcher dispatcher, Seating seating) {
        this.dispatcher = dispatcher;
        this.seating = seating;
    }

    @Override
    public void onText(LiveSession caller, String text) throws CloseException {
        dispatcher.dispatch(caller, text);
    }

    @Override
    public void onClosed(LiveSession session) {
        seating.closed(session);
    }
}
