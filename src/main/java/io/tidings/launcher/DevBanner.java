package io.tidings.launcher;

import io.tidings.auth.JwtToken;
import io.tidings.auth.LegacyToken;
import io.tidings.config.DevKeys;
import io.tidings.config.TidingsConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * Dev mode only: where the dev keys are and ready-to-use URLs, so a first run needs no setup. The keys themselves
 * are never printed: they are kept in a directory of the user's own ({@link DevKeys}), and the banner says how
 * to export the API key from there for the examples in README.md.
 */
final class DevBanner {
    private DevBanner() {
    }

    /** @param generated the names of the secrets dev mode made or took from its dev keys */
    static String of(TidingsConfig config, int port, List<String> generated, DevKeys devKeys) {
        JwtToken jwt = new JwtToken(config.key(), Clock.systemUTC());
        StringBuilder banner = new StringBuilder("\n==== DEV MODE: never use these settings in production ====\n");
        if (!generated.isEmpty()) {
            Path kept = devKeys.directory();
            banner.append(String.join(" and ", generated));
            if (kept != null) {
                banner.append(": dev keys kept in ").append(kept).append(" (only you can read them), so links and"
                        + " tokens still work after a restart; delete the directory for new ones.\n");
            } else {
                banner.append(": made for this run only").append(devKeys.trouble().map(why -> " (" + why + ")")
                        .orElse("")).append(".\n");
            }
            if (kept != null && generated.contains("TIDINGS_API_KEY")) {
                banner.append("For the API examples in README.md:  export TIDINGS_API_KEY=$(cat ")
                        .append(kept.resolve("TIDINGS_API_KEY")).append(")\n");
            }
        }
        banner.append("Demo page:  http://localhost:").append(port).append("/\n");
        for (String uid : new String[] {"100", "101"}) {
            banner.append("uid ").append(uid).append(":  ws://localhost:").append(port).append("/ws?uid=").append(uid)
                    .append("&token=").append(LegacyToken.issue(uid, config.key())).append('\n');
            banner.append("           page (valid ").append(TidingsConfig.DEV_TOKEN_LIFETIME.toHours())
                    .append(" h): http://localhost:").append(port).append("/?uid=").append(uid).append("&token=")
                    .append(jwt.issue(uid, TidingsConfig.DEV_TOKEN_LIFETIME)).append('\n');
        }
        banner.append("===========================================================\n");
        return banner.toString();
    }
}
