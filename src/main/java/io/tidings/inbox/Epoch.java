package io.tidings.inbox;

import java.security.SecureRandom;
import java.util.concurrent.ThreadLocalRandom;

/** Epochs: 10 random base-36 characters, made when a store is created (and when a stream is lost). */
public final class Epoch {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Epoch() {
    }

    /**
     * An epoch for a stream that may never use it (a cluster's Redis takes it only when the stream has none yet):
     * as unique, from a fast generator, since an epoch needs to be new, not secret. Made for every script call, so
     * it must not contend on {@link SecureRandom}.
     */
    public static String candidate() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        char[] epoch = new char[10];
        for (int i = 0; i < epoch.length; i++) {
            epoch[i] = Character.forDigit(random.nextInt(36), 36);
        }
        return new String(epoch);
    }

    /** An epoch a store keeps (a memory inbox, a SQLite file). */
    public static String random() {
        StringBuilder epoch = new StringBuilder(10);
        for (int i = 0; i < 10; i++) {
            epoch.append(Character.forDigit(RANDOM.nextInt(36), 36));
        }
        return epoch.toString();
    }
}
