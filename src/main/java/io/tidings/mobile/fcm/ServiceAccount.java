package io.tidings.mobile.fcm;

import io.tidings.config.ConfigException;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;

/**
 * A Google service account's JSON key (the file the Firebase console gives): who we are to Google, the key we
 * sign with, where tokens come from ({@code token_uri}, honoured) and the project we send for. A file that
 * cannot be used stops startup naming TIDINGS_FCM_SERVICE_ACCOUNT and the field; the key is never echoed.
 */
record ServiceAccount(String clientEmail, String keyId, RSAPrivateKey key, URI tokenUri, String projectId) {
    private static final String SETTING = "TIDINGS_FCM_SERVICE_ACCOUNT";

    static ServiceAccount read(Path file) {
        JsonObject json;
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                JsonReader parser = Json.createReader(reader)) {
            json = parser.readObject();
        } catch (IOException | JsonException | IllegalStateException e) {
            throw invalid(file, "not a readable JSON object (" + e.getClass().getSimpleName() + ")");
        }
        String email = field(json, file, "client_email");
        String pem = field(json, file, "private_key");
        String uri = field(json, file, "token_uri");
        String project = field(json, file, "project_id");
        String keyId = json.get("private_key_id") instanceof JsonString id ? id.getString() : null;
        URI tokenUri;
        try {
            tokenUri = URI.create(uri);
        } catch (IllegalArgumentException e) {
            throw invalid(file, "token_uri is not a URL");
        }
        if (!"https".equals(tokenUri.getScheme()) && !"http".equals(tokenUri.getScheme())) {
            throw invalid(file, "token_uri is not an http(s) URL");
        }
        return new ServiceAccount(email, keyId, rsaKey(file, pem), tokenUri, project);
    }

    private static String field(JsonObject json, Path file, String name) {
        if (!(json.get(name) instanceof JsonString value) || value.getString().isBlank()) {
            throw invalid(file, "its field " + name + " is missing");
        }
        return value.getString();
    }

    private static RSAPrivateKey rsaKey(Path file, String pem) {
        String base64 = pem.replace("-----BEGIN PRIVATE KEY-----", "").replace("-----END PRIVATE KEY-----", "")
                .replaceAll("\\s", "");
        try {
            return (RSAPrivateKey) KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (GeneralSecurityException | IllegalArgumentException | ClassCastException e) {
            throw invalid(file, "its private_key is not an RSA key in PKCS#8 PEM");
        }
    }

    private static ConfigException invalid(Path file, String why) {
        return new ConfigException(List.of(SETTING + " " + file + " is not a usable service account key: " + why));
    }

    /** Never the key. */
    @Override
    public String toString() {
        return "ServiceAccount[" + clientEmail + ", project " + projectId + ", tokens from " + tokenUri + "]";
    }
}
