package io.tidings.inbox.redis;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import org.apache.commons.codec.digest.DigestUtils;

/**
 * A Lua script of the cluster (a resource beside the class that uses it, with the shared prelude in front), run by
 * its SHA1; a Redis that does not know it yet (restarted, failed over, another shard) is sent its text once.
 */
public final class LuaScript {
    private final String text;
    private final String sha;

    private LuaScript(String text) {
        this.text = text;
        this.sha = DigestUtils.sha1Hex(text);
    }

    /**
     * The prelude and the scripts {@code names} from the package of {@code beside}, in that order (a part shared by
     * the scripts of one package first, then the script).
     */
    public static LuaScript load(Class<?> beside, String... names) {
        StringBuilder text = new StringBuilder(resource(LuaScript.class, "prelude.lua"));
        for (String name : names) {
            text.append('\n').append(resource(beside, name));
        }
        return new LuaScript(text.toString());
    }

    private static String resource(Class<?> beside, String name) {
        try (InputStream in = beside.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("script " + name + " missing beside " + beside.getName());
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs the script; its reply as the output type says (MULTI: a list, INTEGER: a Long). */
    public <T> CompletableFuture<T> run(RedisClusterAsyncCommands<String, String> redis, ScriptOutputType type,
            String[] keys, String... args) {
        CompletableFuture<T> bySha = redis.<T>evalsha(sha, type, keys, args).toCompletableFuture();
        return bySha.exceptionallyCompose(failure -> unwrap(failure) instanceof RedisNoScriptException
                ? redis.<T>eval(text, type, keys, args).toCompletableFuture()
                : CompletableFuture.failedFuture(failure));
    }

    /**
     * Loads the script into a Redis (every master of a Redis Cluster) ahead of use, so that its next runs there
     * keep their order with the commands around them: a run that meets NOSCRIPT is sent again as EVAL, after
     * commands sent behind it may already have run.
     */
    public CompletableFuture<String> preload(RedisClusterAsyncCommands<String, String> redis) {
        return redis.scriptLoad(text).toCompletableFuture();
    }

    private static Throwable unwrap(Throwable failure) {
        return failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
    }
}
