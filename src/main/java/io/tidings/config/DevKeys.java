package io.tidings.config;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where dev mode keeps the keys it makes, so that the links and tokens of one run still work after a restart:
 * one file per key, named for its setting, in a directory only its owner can read. The launcher keeps them in
 * {@code $XDG_CONFIG_HOME/tidings/dev} ({@code ~/.config/tidings/dev}), outside the build's {@code target/}, which
 * a clean would wipe; a WAR, the tools and the tests keep none and get fresh keys. A key is never printed or
 * logged: the launcher says where it is kept.
 */
public final class DevKeys {
    private static final int KEY_BYTES = 32;

    private final Path directory;
    private String trouble;

    private DevKeys(Path directory) {
        this.directory = directory;
    }

    /** Keys made fresh for every start, kept nowhere. */
    public static DevKeys none() {
        return new DevKeys(null);
    }

    /** Keys kept in this directory. */
    public static DevKeys in(Path directory) {
        return new DevKeys(directory);
    }

    /** The user's: $XDG_CONFIG_HOME/tidings/dev when that is an absolute path, else ~/.config/tidings/dev. */
    public static DevKeys ofUser(Function<String, String> environment) {
        String xdg = environment.apply("XDG_CONFIG_HOME");
        Path config = xdg != null && Path.of(xdg).isAbsolute() ? Path.of(xdg)
                : Path.of(System.getProperty("user.home"), ".config");
        return in(config.resolve("tidings").resolve("dev"));
    }

    /** The directory the keys are kept in, when they are kept (null when none is, or keeping them failed). */
    public Path directory() {
        return trouble == null ? directory : null;
    }

    /** Why keys could not be kept where they were to be, if that happened (they are then fresh for this run). */
    public Optional<String> trouble() {
        return Optional.ofNullable(trouble);
    }

    /** The key kept for this setting if one of at least minLength characters is, without making one. */
    public Optional<String> existing(String setting, int minLength) {
        if (directory == null) {
            return Optional.empty();
        }
        try {
            String kept = Files.readString(directory.resolve(setting)).strip();
            return kept.length() >= minLength ? Optional.of(kept) : Optional.empty();
        } catch (IOException notThere) {
            return Optional.empty();
        }
    }

    /** The key kept for this setting; one is made (and kept, where keys are kept) when there is none. */
    String key(String setting, int minLength) {
        Optional<String> kept = existing(setting, minLength);
        if (kept.isPresent()) {
            return kept.get();
        }
        String made = random();
        if (directory != null && trouble == null) {
            try {
                keep(directory.resolve(setting), made);
            } catch (IOException | UnsupportedOperationException e) {
                trouble = "could not keep dev keys in " + directory + " (" + e + ")";
            }
        }
        return made;
    }

    private void keep(Path file, String key) throws IOException {
        if (!Files.isDirectory(directory)) {
            Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwx------")));
        }
        Files.deleteIfExists(file); // one too short to use, edited by hand
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (FileAlreadyExistsException racing) {
            return; // another start made it just now
        }
        Files.writeString(file, key + "\n");
    }

    private static String random() {
        byte[] random = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
