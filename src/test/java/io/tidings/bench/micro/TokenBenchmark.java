package io.tidings.bench.micro;

import io.tidings.auth.Authenticator;
import io.tidings.auth.JwtToken;
import io.tidings.auth.LegacyToken;
import io.tidings.close.CloseException;
import io.tidings.testing.TestServer;
import java.util.Map;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/** Token verification, the CPU of every connect: legacy md5 and HS256 JWT, alone and through the Authenticator. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class TokenBenchmark {
    private static final String KEY = "bench-key-0123456789abcdef0123456789abcdef";
    private static final String UID = "1234567";

    private String legacy;
    private String jwtToken;
    private JwtToken jwt;
    private io.tidings.Tidings tidings;
    private Authenticator authenticator;

    @Setup
    public void setUp() {
        legacy = LegacyToken.issue(UID, KEY);
        jwt = new JwtToken(KEY, Clock.systemUTC());
        jwtToken = jwt.issue(UID, Duration.ofHours(1));
        tidings = io.tidings.Tidings.start(TestServer.config(Map.of("TIDINGS_KEY", KEY)));
        authenticator = new Authenticator(KEY, tidings.config().security(), Clock.systemUTC());
    }

    @TearDown
    public void tearDown() {
        tidings.close();
    }

    @Benchmark
    public boolean legacyMatches() {
        return LegacyToken.matches(UID, legacy, KEY);
    }

    @Benchmark
    public String jwtVerify() throws CloseException {
        return jwt.verify(jwtToken);
    }

    @Benchmark
    public String authenticateLegacy() throws CloseException {
        return authenticator.authenticate(UID, legacy);
    }

    @Benchmark
    public String authenticateJwt() throws CloseException {
        return authenticator.authenticate(null, jwtToken);
    }
}
