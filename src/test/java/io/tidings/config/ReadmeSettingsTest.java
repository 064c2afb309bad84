package io.tidings.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidings.config.ConfigLoader.Setting;
import io.tidings.launcher.ServerSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * README.md's configuration table is the one place a user learns the settings, and the loaders are the one
 * place their defaults are stated: this keeps the two the same. Every setting {@link ConfigLoader} and the
 * launcher's {@link ServerSettings} read must have a row in the table under "## Configuration", and every row
 * must name a setting that is read. A row is
 * <pre>| `TIDINGS_X` | DEFAULT | what it does |</pre>
 * where DEFAULT is, by convention:
 * <ul>
 *   <li>the default in code between backticks, first in the cell ({@code `9501`}, {@code `false`},
 *       {@code `newest`}); what follows it is for the reader and not checked ({@code `0` (off)});</li>
 *   <li>for a default that depends on dev mode, the one outside dev mode (TIDINGS_DEV=false) between backticks,
 *       then the dev-mode value in words ({@code `0.0.0.0` (dev mode: `127.0.0.1`)});</li>
 *   <li>for a setting without a default (unset means required, absent or off), a dash "—" first in the cell,
 *       then what unset means in words ({@code — (required)}).</li>
 * </ul>
 */
class ReadmeSettingsTest {
    private static final Pattern ROW = Pattern.compile("^\\|\\s*`(TIDINGS_[A-Z0-9_]+)`\\s*\\|([^|]*)\\|");
    private static final Pattern CODE_SPAN = Pattern.compile("^`([^`]*)`");
    private static final String NONE = "—";

    @Test
    void everySettingReadIsInTheReadmeWithItsDefault() throws IOException {
        String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
        List<String> problems = problems(readme, settingsRead());
        assertTrue(problems.isEmpty(), "README.md and the code disagree on the settings:\n  "
                + String.join("\n  ", problems));
    }

    @Test
    void aMissingRowAWrongDefaultAndAStaleRowAreEachNamed() {
        String readme = """
                ## Configuration

                | setting | default | meaning |
                | --- | --- | --- |
                | `TIDINGS_PORT` | `9501` | TCP port |
                | `TIDINGS_HEARTBEAT_IDLE` | `120` | seconds |
                | `TIDINGS_KEY` | `secret` | the key |
                | `TIDINGS_GONE` | `1` | no longer read |

                ## Wire contract

                | `TIDINGS_HOST` | `0.0.0.0` | outside the section: not a row of the table |
                """;
        List<Setting> code = List.of(new Setting("TIDINGS_PORT", "9501"), new Setting("TIDINGS_HEARTBEAT_IDLE", "125"),
                new Setting("TIDINGS_KEY", null), new Setting("TIDINGS_HOST", "0.0.0.0"));

        List<String> problems = problems(readme, code);

        assertEquals(List.of(
                "TIDINGS_HEARTBEAT_IDLE: the default in code is `125`, README.md says `120`; correct the row",
                "TIDINGS_KEY: has no default in code (unset means required, absent or off), README.md says `secret`;"
                        + " start the default cell with — and say in words what unset means",
                "TIDINGS_HOST is read but missing from README.md's configuration table; add the row"
                        + "  | `TIDINGS_HOST` | `0.0.0.0` | what it does |  under \"## Configuration\"",
                "TIDINGS_GONE is in README.md's configuration table but no loader reads it; remove the row, or read it"
                        + " in ConfigLoader (shared) or launcher.ServerSettings (embedded server only)"), problems);
    }

    /** What the code reads, with the defaults outside dev mode: the shared settings, then the launcher's own. */
    private static List<Setting> settingsRead() {
        ConfigLoader loader = ConfigLoader.fromMap(Map.of("TIDINGS_DEV", "false"));
        loader.read();
        ServerSettings.read(loader, false);
        return loader.settings();
    }

    /** Every disagreement between the table in the README text and the settings the code reads. */
    static List<String> problems(String readme, List<Setting> code) {
        Map<String, String> documented = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (String row : configurationSection(readme)) {
            Matcher matcher = ROW.matcher(row);
            if (!matcher.find()) {
                continue;
            }
            String name = matcher.group(1);
            if (documented.putIfAbsent(name, matcher.group(2).trim()) != null) {
                problems.add(name + " has two rows in README.md's configuration table; keep one");
            }
        }
        for (Setting setting : code) {
            String cell = documented.remove(setting.name());
            if (cell == null) {
                problems.add(setting.name() + " is read but missing from README.md's configuration table; add the row"
                        + "  | `" + setting.name() + "` | " + cellFor(setting.defaultValue())
                        + " | what it does |  under \"## Configuration\"");
                continue;
            }
            String problem = compare(setting, cell);
            if (problem != null) {
                problems.add(problem);
            }
        }
        for (String stale : documented.keySet()) {
            problems.add(stale + " is in README.md's configuration table but no loader reads it; remove the row, or"
                    + " read it in ConfigLoader (shared) or launcher.ServerSettings (embedded server only)");
        }
        return problems;
    }

    private static String compare(Setting setting, String cell) {
        Matcher code = CODE_SPAN.matcher(cell);
        String readme = code.find() ? code.group(1) : null;
        if (setting.defaultValue() == null) {
            return readme == null && cell.startsWith(NONE) ? null : setting.name() + ": has no default in code"
                    + " (unset means required, absent or off), README.md says " + shown(cell, readme)
                    + "; start the default cell with " + NONE + " and say in words what unset means";
        }
        if (Objects.equals(setting.defaultValue(), readme)) {
            return null;
        }
        return setting.name() + ": the default in code is `" + setting.defaultValue() + "`, README.md says "
                + shown(cell, readme) + "; correct the row";
    }

    private static String shown(String cell, String codeSpan) {
        return codeSpan != null ? "`" + codeSpan + "`" : "'" + cell + "' (no default between backticks first in the cell)";
    }

    private static String cellFor(String defaultValue) {
        return defaultValue == null ? NONE + " (what unset means)" : "`" + defaultValue + "`";
    }

    /** The lines of the "## Configuration" section, up to the next section of that level. */
    private static List<String> configurationSection(String readme) {
        List<String> lines = new ArrayList<>();
        boolean inside = false;
        for (String line : readme.split("\n")) {
            if (line.startsWith("## ")) {
                inside = line.strip().equals("## Configuration");
            } else if (inside) {
                lines.add(line);
            }
        }
        return lines;
    }
}
