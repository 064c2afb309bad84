package io.tidings.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** workerman-chat's text rules: PHP's nl2br(htmlspecialchars()) and date(), and what a display name may be. */
class ChatTextTest {
    @Test
    void htmlEscapesAsPhpsHtmlspecialcharsAndNl2brDo() {
        assertEquals("&lt;b&gt;&amp;&quot;&#039;", ChatText.html("<b>&\"'"));
        assertEquals("a<br />\nb<br />\r\nc<br />\rd<br />\n\re", ChatText.html("a\nb\r\nc\rd\n\re"));
        assertEquals("two<br />\n<br />\nbreaks", ChatText.html("two\n\nbreaks"));
        assertEquals("\u4f60\u597d \uD83D\uDE00", ChatText.html("\u4f60\u597d \uD83D\uDE00"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"222", "\u5f20\u4e09", "Tom & Jerry", "<b>", "a b", "\uD83D\uDC68\u200D\uD83D\uDC69",
        "x\u3000y", "12345678901234567890123456789012"})
    void aNameOfPrintableCharactersIsAccepted(String name) {
        assertEquals(name, ChatText.name(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "123456789012345678901234567890123", "a\nb", "a\tb", "a\u0000b",
        "evil\u202Eeman", "zero\u200Bwidth", "line\u2028sep", "\uE000private", "\u0378"})
    void aNameWithControlFormatOrUnassignedCharactersOrOfTheWrongLengthIsRefused(String name) {
        assertNull(ChatText.name(name));
    }

    @Test
    void aNameIsTrimmed() {
        assertEquals("padded", ChatText.name("  padded \u3000"));
    }

    @Test
    void timesAreDateYmdHis() {
        assertEquals("2017-08-26 22:24:58", ChatText.time(1503757498_000L, ZoneId.of("Asia/Shanghai")));
        assertEquals("2017-08-26 14:24:58", ChatText.time(1503757498_000L, ZoneId.of("UTC")));
    }
}
