package io.tidings.bench;

import java.net.InetSocketAddress;

/** Where the sessions connect: the server's socket address, the Host header and path, and the deflate offer. */
record WsTarget(InetSocketAddress address, String hostHeader, String path, boolean offerDeflate) {
}
