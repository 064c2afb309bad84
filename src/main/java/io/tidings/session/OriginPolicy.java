package io.tidings.session;

import java.util.List;
import java.util.Locale;

/**
 * Which browser origins may open a WebSocket (cross-site WebSocket hijacking defence). An empty list allows any
 * origin; an entry ending in {@code :*} allows any port of that scheme and host. A request without an Origin
 * header is not from a browser page and is always allowed: the token still decides who it is.
 */
public final class OriginPolicy {
    private final List<String> allowed;

    public OriginPolicy(List<String> allowed) {
        this.allowed = allowed.stream().map(origin -> origin.toLowerCase(Locale.ROOT)).toList();
    }

    public boolean allows(String origin) {
        if (origin == null || allowed.isEmpty()) {
            return true;
        }
        String candidate = origin.toLowerCase(Locale.ROOT);
        for (String entry : allowed) {
            if (entry.equals(candidate) || entry.endsWith(":*") && matchesAnyPort(entry, candidate)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matchesAnyPort(String entry, String candidate) {
        String base = entry.substring(0, entry.length() - 2);
        if (candidate.equals(base)) {
            return true;
        }
        if (!candidate.startsWith(base + ":")) {
            return false;
        }
        String port = candidate.substring(base.length() + 1);
        return !port.isEmpty() && port.chars().allMatch(Character::isDigit);
    }
}
