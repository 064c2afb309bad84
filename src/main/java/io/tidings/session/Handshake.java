package io.tidings.session;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Base64;
import java.util.Locale;

/** What every transport reads off a WebSocket handshake the same way, written once. */
public final class Handshake {
    private Handshake() {
    }

    /** A GET asking to upgrade to WebSocket (each transport checks the rest of the handshake its own way). */
    public static boolean isWebSocketUpgrade(String method, String upgradeHeader) {
        return "GET".equals(method) && upgradeHeader != null
                && upgradeHeader.toLowerCase(Locale.ROOT).contains("websocket");
    }

    /**
     * RFC 6455 section 4.2.1: a Sec-WebSocket-Key is 16 random bytes in base64, which is 24 characters with its
     * padding. Anything else (missing, shorter, unpadded, not base64) is a bad request, answered 400.
     */
    public static boolean isValidKey(String key) {
        if (key == null || key.length() != 24) {
            return false;
        }
        try {
            return Base64.getDecoder().decode(key).length == 16;
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
    }

    /** The peer's IP address as operators see it: "::1", never Jetty's bracketed "[::1]"; else "unknown". */
    public static String addressOf(SocketAddress address) {
        if (address instanceof InetSocketAddress socket && socket.getAddress() != null) {
            return socket.getAddress().getHostAddress();
        }
        return "unknown";
    }
}
