package io.tidings.bench.micro;

import io.tidings.auth.Authenticator;
import io.tidings.auth.JwtToken;
import io.tidings.auth.LegacyToken;
import io.tidings.close.CloseException;
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
    private Authenticator authenticator;

    @Setup
    public void setUp() {
        legacy = LegacyToken.issue(UID, KEY);
        jwt = new JwtToken(KEY, Clock.systemUTC());
        jwtToken = jwt.issue(UID, Duration.ofHours(1));
        authenticator = new Authenticator(KEY, Clock.systemUTC());
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
