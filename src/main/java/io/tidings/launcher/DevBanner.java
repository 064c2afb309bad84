package io.tidings.launcher;

import io.tidings.auth.JwtToken;
import io.tidings.auth.LegacyToken;
import io.tidings.config.TidingsConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** Dev mode only: the generated secrets and ready-to-use URLs, so a first run needs no setup. */
final class DevBanner {
    private DevBanner() {
    }

    /** @param generated the names of the secrets dev mode generated for this run */
    static String of(TidingsConfig config, int port, List<String> generated) {
        JwtToken jwt = new JwtToken(config.key(), Clock.systemUTC());
        StringBuilder banner = new StringBuilder("\n==== DEV MODE: never use these settings in production ====\n");
        if (generated.contains("TIDINGS_KEY")) {
            banner.append("TIDINGS_KEY=").append(config.key()).append("   (generated for this run)\n");
        }
        if (generated.contains("TIDINGS_API_KEY")) {
            banner.append("TIDINGS_API_KEY=").append(config.apiKey()).append("   (generated for this run)\n");
        }
        banner.append("Demo page:  http://localhost:").append(port).append("/\n");
        for (String uid : new String[] {"100", "101"}) {
            banner.append("uid ").append(uid).append(":  ws://localhost:").append(port).append("/ws?uid=").append(uid)
                    .append("&token=").append(LegacyToken.issue(uid, config.key())).append('\n');
            banner.append("           page: http://localhost:").append(port).append("/?uid=").append(uid)
                    .append("&token=").append(jwt.issue(uid, Duration.ofHours(12))).append('\n');
        }
        banner.append("===========================================================\n");
        return banner.toString();
    }
}
