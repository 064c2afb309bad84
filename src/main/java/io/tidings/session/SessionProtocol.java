package io.tidings.session;

import io.tidings.close.CloseException;
import io.tidings.hub.LiveSession;

/**
 * What the sessions of one endpoint speak once they are open: Tidings events on /ws and the context root
 * ({@code event.Dispatcher}), workerman-chat's type-keyed frames on /chat ({@code chat.ChatProtocol}). Admission,
 * authentication, the size and rate limits, the one writer and the close codes stay the same for every
 * protocol; {@link ClientSession} applies them and hands over only what passed.
 */
public interface SessionProtocol {
    /** One whole inbound text frame of an authenticated session; a {@link CloseException} closes it. */
    void onText(LiveSession caller, String text) throws CloseException;

    /** An authenticated session has closed and left the hub: what it leaves behind (a chat logout notice). */
    default void onClosed(LiveSession session) {
    }
}
