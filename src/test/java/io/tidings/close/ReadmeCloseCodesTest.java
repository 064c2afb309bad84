package io.tidings.close;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * README.md's close-code table is what a client author reads; {@link CloseReason} is what the server sends. Every
 * reason must have its row (code and reason text), so a new close cannot ship undocumented.
 */
class ReadmeCloseCodesTest {
    private static final Pattern ROW = Pattern.compile("^\\|\\s*(\\d{4})\\s*\\|\\s*`([^`]+)`");

    @Test
    void everyCloseReasonHasItsRowInTheReadme() throws Exception {
        String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
        int table = readme.indexOf("### Close codes");
        assertTrue(table >= 0, "README.md has a \"### Close codes\" section");
        Set<String> rows = new HashSet<>();
        for (String line : readme.substring(table).split("\n")) {
            Matcher row = ROW.matcher(line);
            if (row.find()) {
                rows.add(row.group(1) + " " + row.group(2));
            }
        }
        for (CloseReason reason : CloseReason.values()) {
            assertTrue(rows.contains(reason.code() + " " + reason.text()), reason + " (" + reason.code() + " `"
                    + reason.text() + "`) has no row in README.md's close-code table: " + rows);
        }
    }
}
