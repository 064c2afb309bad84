package io.tidings.config;

import java.util.List;

/** Startup stopped because one or more settings are invalid; the message names every bad setting. */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConfigException(List<String> problems) {
        super("invalid Tidings configuration: " + String.join("; ", problems));
    }
}
