package io.tidings.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;

/**
 * A setting that names a PEM file of certificates to trust (a private CA for Redis or a test APNs): checked at
 * startup, so that a wrong path or a file of something else is an error naming the setting, not a TLS failure at
 * the first connection.
 */
final class TrustedCertificates {
    private TrustedCertificates() {
    }

    /** The file, or null when unset; a file that holds no readable X.509 certificate is a problem naming it. */
    static Path read(ConfigLoader loader, String name) {
        String value = loader.text(name, null);
        if (value == null) {
            return null;
        }
        Path file = Path.of(value);
        try (InputStream in = Files.newInputStream(file)) {
            if (CertificateFactory.getInstance("X.509").generateCertificates(in).isEmpty()) {
                loader.problem(name + " " + value + " holds no certificate (a PEM file of CA certificates)");
            }
        } catch (IOException | CertificateException | RuntimeException e) {
            loader.problem(name + " " + value + " is not a readable PEM file of certificates ("
                    + e.getClass().getSimpleName() + ")");
        }
        return file;
    }
}
