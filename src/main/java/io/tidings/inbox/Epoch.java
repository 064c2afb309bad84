package io.tidings.inbox;

import java.security.SecureRandom;

/** Epochs: 10 random base-36 characters, made when a store is created (and when a stream is lost). */
public final class Epoch {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Epoch() {
    }

    public static String random() {
        StringBuilder epoch = new StringBuilder(10);
        for (int i = 0; i < 10; i++) {
            epoch.append(Character.forDigit(RANDOM.nextInt(36), 36));
        }
        return epoch.toString();
    }
}
