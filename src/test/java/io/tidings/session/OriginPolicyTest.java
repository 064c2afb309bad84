package io.tidings.session;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidings.config.Security;
import java.util.List;
import org.junit.jupiter.api.Test;

class OriginPolicyTest {

    @Test
    void exactOriginsAndAnyPortEntries() {
        OriginPolicy policy = new OriginPolicy(List.of("https://app.example.com", "http://localhost:*"));
        assertTrue(policy.allows(null), "no Origin: not a browser page");
        assertTrue(policy.allows("https://APP.example.com"));
        assertTrue(policy.allows("http://localhost:9501"));
        assertTrue(policy.allows("http://localhost"));
        assertFalse(policy.allows("https://app.example.com.evil.net"));
        assertFalse(policy.allows("http://localhost.evil.net:80"));
        assertFalse(policy.allows("http://localhost:9501@evil"));
        assertFalse(policy.allows("https://evil.example"));
        assertFalse(policy.allows("null"));
    }

    @Test
    void emptyListAllowsAnyOriginAndDevDefaultsAllowOnlyLocalhost() {
        assertTrue(new OriginPolicy(List.of()).allows("https://anything.example"));
        OriginPolicy dev = new OriginPolicy(Security.DEV_ORIGINS);
        assertTrue(dev.allows("http://127.0.0.1:5173"));
        assertFalse(dev.allows("https://evil.example"));
    }
}
