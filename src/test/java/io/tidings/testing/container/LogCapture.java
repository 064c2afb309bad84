package io.tidings.testing.container;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Collects the warnings and errors Tidings logs (System.Logger, which reaches java.util.logging in every
 * container tested), so a test can assert what an operator reads in the log.
 */
final class LogCapture extends Handler {
    // Held strongly: java.util.logging keeps loggers only weakly, and a collected logger loses its handler.
    private static final Logger TIDINGS = Logger.getLogger("io.tidings");
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final SimpleFormatter formatter = new SimpleFormatter();

    LogCapture() {
        setLevel(Level.WARNING);
    }

    void install() {
        TIDINGS.addHandler(this);
    }

    void uninstall() {
        TIDINGS.removeHandler(this);
    }

    List<String> lines() {
        return List.copyOf(lines);
    }

    @Override
    public void publish(LogRecord record) {
        if (isLoggable(record)) {
            lines.add(record.getLevel() + " " + record.getLoggerName() + ": " + formatter.formatMessage(record));
        }
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
}
